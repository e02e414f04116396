package io.qonduit.oqtopus

import com.atlassian.oai.validator.OpenApiInteractionValidator
import com.atlassian.oai.validator.model.Request
import com.atlassian.oai.validator.model.SimpleRequest
import com.atlassian.oai.validator.model.SimpleResponse
import com.atlassian.oai.validator.report.LevelResolver
import com.atlassian.oai.validator.report.ValidationReport
import io.ktor.client.engine.mock.MockEngine
import io.ktor.client.engine.mock.respond
import io.ktor.client.engine.mock.toByteArray
import io.ktor.http.HttpStatusCode
import io.ktor.http.headersOf
import io.swagger.v3.parser.OpenAPIV3Parser
import kotlinx.coroutines.future.await
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.concurrent.ConcurrentHashMap

/**
 * An engine for the OQTOPUS client's API transport that validates every request the client sends,
 * and every answer, against the User API's OpenAPI document (Atlassian's swagger-request-validator),
 * and forwards the request unchanged over real HTTP to the emulator. The one check switched off is
 * `validation.request.security.missing`: the spec declares only `BearerAuth`, while API clients
 * authenticate with `q-api-token`.
 */
class OqtopusContractEngine(private val basePath: String = "/oqtopus") {
    private val spec = requireNotNull(javaClass.getResource("/fixtures/oqtopus/oqtopus-user-openapi.yaml")).readText()
    private val validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
        .withBasePathOverride(basePath)
        .withLevelResolver(LevelResolver.create().withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE).build())
        .build()
    private val http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()

    /** `METHOD template` of every operation the spec declares. */
    val operations: Set<String> = OpenAPIV3Parser().readContents(spec, null, null).openAPI.paths
        .flatMap { (template, item) -> item.readOperationsMap().keys.map { "${it.name} $template" } }.toSet()

    /** `METHOD template` of every operation the client sent. */
    val exercised: MutableSet<String> = ConcurrentHashMap.newKeySet()

    /** Every broken rule found, as text; a test asserts it stays empty. */
    val violations: MutableList<String> = java.util.Collections.synchronizedList(mutableListOf())

    val engine: MockEngine = MockEngine { data ->
        val body = data.body.toByteArray()
        val method = data.method.value
        val path = data.url.encodedPath
        val request = SimpleRequest.Builder(Request.Method.valueOf(method), path).apply {
            data.headers.forEach { k, vs -> withHeader(k, vs) }
            data.body.contentType?.let { withContentType(it.toString()) }
            if (body.isNotEmpty()) withBody(body.decodeToString())
            data.url.parameters.forEach { k, vs -> withQueryParam(k, vs) }
        }.build()
        record("request $method $path", validator.validateRequest(request))
        operationOf(method, path.removePrefix(basePath))?.let { exercised += it } ?: violations.add("$method $path is no operation of the spec")

        val forward = HttpRequest.newBuilder(URI.create(data.url.toString())).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        data.headers.forEach { k, vs -> if (k.lowercase() !in RESTRICTED) vs.forEach { forward.header(k, it) } }
        data.body.contentType?.let { forward.header("Content-Type", it.toString()) }
        val answer = http.sendAsync(forward.build(), HttpResponse.BodyHandlers.ofByteArray()).await()
        val contentType = answer.headers().firstValue("content-type").orElse(null)
        val response = SimpleResponse.Builder.status(answer.statusCode()).apply {
            if (contentType != null) withContentType(contentType)
            if (answer.body().isNotEmpty()) withBody(answer.body().decodeToString())
        }.build()
        record("response to $method $path (${answer.statusCode()})", validator.validateResponse(path, Request.Method.valueOf(method), response))
        respond(answer.body(), HttpStatusCode.fromValue(answer.statusCode()), contentType?.let { headersOf("Content-Type", it) } ?: headersOf())
    }

    private fun record(what: String, report: ValidationReport) {
        report.messages.filter { it.level == ValidationReport.Level.ERROR }.forEach { violations += "$what: [${it.key}] ${it.message}" }
    }

    private fun operationOf(method: String, path: String): String? = operations
        .filter { op ->
            val (m, template) = op.split(' ', limit = 2)
            m == method && Regex("^" + template.split('/').joinToString("/") { if (it.startsWith("{")) "[^/]+" else Regex.escape(it) } + "$").matches(path)
        }
        .minByOrNull { it.count { c -> c == '{' } }

    private companion object {
        val RESTRICTED = setOf("content-length", "host", "connection", "upgrade", "expect", "content-type")
    }
}
