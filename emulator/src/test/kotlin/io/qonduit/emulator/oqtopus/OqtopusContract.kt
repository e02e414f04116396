package io.qonduit.emulator.oqtopus

import com.atlassian.oai.validator.OpenApiInteractionValidator
import com.atlassian.oai.validator.model.Request
import com.atlassian.oai.validator.model.SimpleRequest
import com.atlassian.oai.validator.model.SimpleResponse
import com.atlassian.oai.validator.report.LevelResolver
import com.atlassian.oai.validator.report.ValidationReport
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestResponse
import io.swagger.v3.parser.OpenAPIV3Parser
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.net.URI
import java.net.URLDecoder
import java.nio.charset.StandardCharsets
import java.util.concurrent.ConcurrentHashMap

/**
 * The OQTOPUS User API's OpenAPI document (`fixtures/oqtopus/oqtopus-user-openapi.yaml`, test-fixtures)
 * and a validator for it (Atlassian's swagger-request-validator), mounted at `/oqtopus` as the
 * emulator serves it. The one check switched off is `validation.request.security.missing`: the spec
 * declares only `BearerAuth`, while API clients (oqtopus-client) authenticate with `q-api-token`.
 */
open class OqtopusOpenApiDocument(resource: String) {
    val specText: String = requireNotNull(OqtopusOpenApi::class.java.getResource(resource)) { "missing $resource" }.readText()

    val validator: OpenApiInteractionValidator = OpenApiInteractionValidator
        .createForInlineApiSpecification(specText)
        .withBasePathOverride(OqtopusOpenApi.BASE_PATH)
        .withLevelResolver(
            LevelResolver.create().withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE).build(),
        )
        .build()

    /** One operation of the spec: `GET /jobs/{job_id}` and its `operationId`. */
    class Operation(val method: String, val template: String, val operationId: String) {
        private val regex = Regex("^" + template.split('/').joinToString("/") { if (it.startsWith("{")) "[^/]+" else Regex.escape(it) } + "$")
        fun matches(method: String, path: String) = method.equals(this.method, ignoreCase = true) && regex.matches(path)
        override fun toString(): String = "$method $template ($operationId)"
    }

    /** Every operation the spec declares. */
    val operations: List<Operation> = run {
        val api = requireNotNull(OpenAPIV3Parser().readContents(specText, null, null).openAPI) { "the spec does not parse" }
        api.paths.flatMap { (template, item) ->
            item.readOperationsMap().map { (method, op) -> Operation(method.name, template, op.operationId) }
        }
    }

    /** The operation [method] [path] (path under [OqtopusOpenApi.BASE_PATH], no query) stands for; literal segments win. */
    fun operationOf(method: String, path: String): Operation? {
        val relative = path.removePrefix(OqtopusOpenApi.BASE_PATH).ifEmpty { "/" }
        return operations.filter { it.matches(method, relative) }.minByOrNull { it.template.count { c -> c == '{' } }
    }
}

/** The current (G3) User API document: what [ContractHttp] checks by default. */
object OqtopusOpenApi : OqtopusOpenApiDocument("/fixtures/oqtopus/oqtopus-user-openapi.yaml") {
    const val RESOURCE = "/fixtures/oqtopus/oqtopus-user-openapi.yaml"
    const val BASE_PATH = "/oqtopus"
}

/**
 * The previous User API document (inline `job_info`, `/jobs/{job_id}/sselog`;
 * `fixtures/oqtopus/oqtopus-user-openapi.inline-jobinfo.frontend-copy.yaml`): the inline flow's calls
 * are checked against it (`ContractHttp(baseUrl, PreviousOqtopusOpenApi)`).
 */
object PreviousOqtopusOpenApi : OqtopusOpenApiDocument("/fixtures/oqtopus/oqtopus-user-openapi.inline-jobinfo.frontend-copy.yaml")

/** A failed contract check: the request or response broke the OpenAPI document. */
class ContractViolation(message: String) : AssertionError(message)

/**
 * [TestHttp] for the OQTOPUS User API that validates every request it sends and every response it
 * gets against [OqtopusOpenApi], and records which operations were exercised ([exercised]).
 *
 * A test that sends a request the spec forbids on purpose says so with `invalidRequest = true`:
 * then the validator must find the request invalid too, and the answer must be a 4xx with the
 * spec's error body `{"message": "..."}` (its status may be one the operation does not list).
 * [tolerate] names validator message keys a call accepts, each for a documented spec contradiction.
 */
class ContractHttp(private val baseUrl: String, private val document: OqtopusOpenApiDocument = OqtopusOpenApi) {
    private val http = TestHttp(baseUrl)

    /** `operationId`s of the operations this client has exercised. */
    val exercised: MutableSet<String> = ConcurrentHashMap.newKeySet()

    /** Every validation report seen (for diagnostics). */
    val checked: MutableList<String> = java.util.Collections.synchronizedList(ArrayList())

    fun send(
        method: String,
        path: String,
        body: String? = null,
        headers: Map<String, String> = OQ_DEMO,
        invalidRequest: Boolean = false,
        tolerate: Set<String> = emptySet(),
    ): TestResponse {
        val uri = URI.create(baseUrl + path)
        val rawPath = uri.rawPath
        val query = parseQuery(uri.rawQuery)
        val operation = document.operationOf(method, rawPath)
            ?: throw ContractViolation("$method $rawPath is not an operation of the OQTOPUS User API document")
        val request = SimpleRequest.Builder(Request.Method.valueOf(method.uppercase()), rawPath).apply {
            headers.forEach { (k, v) -> withHeader(k, v) }
            if (body != null) {
                withContentType("application/json")
                withBody(body)
            }
            query.forEach { (k, vs) -> withQueryParam(k, vs) }
        }.build()
        val requestReport = document.validator.validateRequest(request)
        val requestErrors = errors(requestReport, tolerate)
        if (invalidRequest) {
            if (requestErrors.isEmpty()) throw ContractViolation("$method $path was meant to break the spec, but the validator accepts it")
        } else if (requestErrors.isNotEmpty()) {
            throw ContractViolation("request $method $path breaks the spec:\n" + requestErrors.joinToString("\n"))
        }

        val response = http.send(method, path, body, headers)
        exercised += operation.operationId
        val contentType = response.headers.entries.firstOrNull { it.key.equals("content-type", true) }?.value?.firstOrNull()
        val simple = SimpleResponse.Builder.status(response.status).apply {
            response.headers.forEach { (k, vs) -> if (!k.startsWith(":")) withHeader(k, vs) }
            if (contentType != null) withContentType(contentType)
            if (response.text.isNotEmpty()) withBody(response.text)
        }.build()
        val responseReport = document.validator.validateResponse(rawPath, Request.Method.valueOf(method.uppercase()), simple)
        val extra = if (invalidRequest) tolerate + "validation.response.status.unknown" else tolerate
        val responseErrors = errors(responseReport, extra)
        checked += "$method $path -> ${response.status}: request ${requestReport.messages.size} message(s), response ${responseReport.messages.size}"
        if (responseErrors.isNotEmpty()) {
            throw ContractViolation("response to $method $path (${response.status} ${response.text.take(300)}) breaks the spec:\n" + responseErrors.joinToString("\n"))
        }
        if (invalidRequest) {
            if (response.status !in 400..499) throw ContractViolation("$method $path broke the spec but was answered ${response.status}")
            checkErrorBody(response)
        } else if (response.status >= 400 && response.text.isNotEmpty()) {
            checkErrorBody(response)
        }
        return response
    }

    private fun checkErrorBody(response: TestResponse) {
        val message = (response.json as? JsonObject)?.get("message") as? JsonPrimitive
        if (message == null || !message.isString || response.obj.size != 1) {
            throw ContractViolation("error body is not the spec's {\"message\": ...}: $response")
        }
    }

    fun get(path: String, headers: Map<String, String> = OQ_DEMO, invalidRequest: Boolean = false, tolerate: Set<String> = emptySet()) =
        send("GET", path, null, headers, invalidRequest, tolerate)

    fun post(path: String, body: String? = null, headers: Map<String, String> = OQ_DEMO, invalidRequest: Boolean = false, tolerate: Set<String> = emptySet()) =
        send("POST", path, body, headers, invalidRequest, tolerate)

    fun patch(path: String, body: String, headers: Map<String, String> = OQ_DEMO, invalidRequest: Boolean = false) =
        send("PATCH", path, body, headers, invalidRequest)

    fun delete(path: String, headers: Map<String, String> = OQ_DEMO, invalidRequest: Boolean = false) =
        send("DELETE", path, null, headers, invalidRequest)

    private fun errors(report: ValidationReport, tolerate: Set<String>): List<String> =
        report.messages.filter { it.level == ValidationReport.Level.ERROR && it.key !in tolerate }
            .map { "  [${it.key}] ${it.message}" + (it.context.flatMap { c -> c.pointers }.map { p -> " at ${p.instance}" }.orElse("")) }

    private fun parseQuery(raw: String?): Map<String, List<String>> {
        if (raw.isNullOrEmpty()) return emptyMap()
        val out = LinkedHashMap<String, MutableList<String>>()
        for (pair in raw.split('&')) {
            if (pair.isEmpty()) continue
            val k = URLDecoder.decode(pair.substringBefore('='), StandardCharsets.UTF_8)
            val v = URLDecoder.decode(pair.substringAfter('=', ""), StandardCharsets.UTF_8)
            out.getOrPut(k) { ArrayList() } += v
        }
        return out
    }
}
