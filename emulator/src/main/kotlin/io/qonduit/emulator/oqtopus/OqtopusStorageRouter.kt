package io.qonduit.emulator.oqtopus

import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.content.PartData
import io.ktor.http.content.forEachPart
import io.ktor.server.application.ApplicationCall
import io.ktor.server.request.receiveMultipart
import io.ktor.server.response.respond
import io.ktor.server.response.respondBytes
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.route
import io.ktor.utils.io.toByteArray
import io.qonduit.emulator.ProviderHttpException
import io.qonduit.emulator.ProviderRouter
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import java.time.Instant

/**
 * The S3-compatible storage the presigned URLs point at, under `/oqtopus-storage` (oqtopus.md §2,
 * §11): a form `POST /` with the policy fields of `POST /jobs` and the file part `file` last (S3
 * ignores fields after it), answered 204; `GET /<key>?AWSAccessKeyId=…&Expires=…&Signature=…` for
 * the links of `job_info`. Signatures and expiry are checked, the policy's size limit enforced, and
 * any request that carries API credentials (`q-api-token` or `Authorization`) is refused, since a
 * presigned URL must never receive them. Errors are S3's XML `<Error><Code>…</Code><Message>…`.
 */
internal class OqtopusStorageRouter(private val state: OqtopusEmulatorState) : ProviderRouter {
    override val prefix: String = PREFIX

    override fun install(route: Route) {
        route.post { upload(call) }
        route.post("/") { upload(call) }
        route.get("/{key...}") { download(call) }
        route.route("{...}") {
            handle { throw S3Exception(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.") }
        }
    }

    private fun refuseCredentials(call: ApplicationCall) {
        val headers = call.request.headers
        if (headers["q-api-token"] != null) {
            throw S3Exception(HttpStatusCode.BadRequest, "InvalidArgument", "A presigned request must not carry the OQTOPUS API token (q-api-token).")
        }
        if (headers[HttpHeaders.Authorization] != null) {
            throw S3Exception(HttpStatusCode.BadRequest, "InvalidArgument", "Only one auth mechanism allowed; only the presigned signature is supported.")
        }
    }

    private suspend fun upload(call: ApplicationCall) {
        refuseCredentials(call)
        val declared = call.request.headers[HttpHeaders.ContentLength]?.toLongOrNull()
        if (declared != null && declared > OqtopusEmulatorState.MAX_UPLOAD_BYTES + FORM_OVERHEAD) {
            throw entityTooLarge(OqtopusEmulatorState.MAX_UPLOAD_BYTES)
        }
        val contentType = call.request.headers[HttpHeaders.ContentType].orEmpty()
        if (!contentType.startsWith("multipart/form-data", ignoreCase = true)) {
            throw S3Exception(HttpStatusCode.PreconditionFailed, "PreconditionFailed", "Bucket POST must be of the enclosure-type multipart/form-data")
        }
        val fields = LinkedHashMap<String, String>()
        var file: ByteArray? = null
        try {
            call.receiveMultipart(formFieldLimit = OqtopusEmulatorState.MAX_UPLOAD_BYTES + 1).forEachPart { part ->
                try {
                    if (file == null) {
                        when (part) {
                            is PartData.FormItem -> part.name?.let { fields[it] = part.value }
                            is PartData.FileItem -> if (part.name == "file") file = part.provider().toByteArray() else Unit
                            else -> Unit
                        }
                    }
                } finally {
                    part.release()
                }
            }
        } catch (e: S3Exception) {
            throw e
        } catch (e: Exception) {
            throw S3Exception(HttpStatusCode.BadRequest, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data: ${e.message}")
        }
        val bytes = file ?: throw S3Exception(HttpStatusCode.BadRequest, "InvalidArgument", "POST requires exactly one file upload per request.")
        for (name in listOf("key", "AWSAccessKeyId", "policy", "signature")) {
            if (fields[name].isNullOrEmpty()) throw S3Exception(HttpStatusCode.BadRequest, "InvalidArgument", "Bucket POST must contain a field named '$name'.")
        }
        if (fields["AWSAccessKeyId"] != OqtopusStorage.ACCESS_KEY_ID) {
            throw S3Exception(HttpStatusCode.Forbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
        }
        val policy = state.storage.verifyPolicy(fields.getValue("policy"), fields.getValue("signature"))
            ?: throw S3Exception(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
        if (Instant.now().isAfter(policy.expiration)) {
            throw S3Exception(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy expired.")
        }
        val key = fields.getValue("key")
        if (key != policy.key) {
            throw S3Exception(HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"\$key\", \"${policy.key}\"]")
        }
        if (fields["x-amz-security-token"] != state.storage.securityToken) {
            throw S3Exception(HttpStatusCode.Forbidden, "InvalidToken", "The provided token is malformed or otherwise invalid.")
        }
        if (bytes.size > policy.maxBytes) throw entityTooLarge(policy.maxBytes)
        state.storage.put(key, bytes)
        call.respond(HttpStatusCode.NoContent)
    }

    private suspend fun download(call: ApplicationCall) {
        refuseCredentials(call)
        val key = call.parameters.getAll("key").orEmpty().joinToString("/")
        val query = call.request.queryParameters
        val access = query["AWSAccessKeyId"]
        val expires = query["Expires"]
        val signature = query["Signature"]
        if (access == null || expires == null || signature == null) {
            throw S3Exception(HttpStatusCode.Forbidden, "AccessDenied", "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
        }
        if (access != OqtopusStorage.ACCESS_KEY_ID) {
            throw S3Exception(HttpStatusCode.Forbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
        }
        val epoch = expires.toLongOrNull()
            ?: throw S3Exception(HttpStatusCode.Forbidden, "AccessDenied", "Invalid date (should be seconds since epoch): $expires")
        if (!state.storage.verifyDownload(key, epoch, signature)) {
            throw S3Exception(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.")
        }
        if (Instant.now().epochSecond > epoch) throw S3Exception(HttpStatusCode.Forbidden, "AccessDenied", "Request has expired")
        val bytes = state.storage.get(key)
            ?: throw S3Exception(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.")
        call.respondBytes(bytes, ContentType.parse("application/zip"))
    }

    private fun entityTooLarge(max: Long) =
        S3Exception(HttpStatusCode.BadRequest, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size of $max bytes.")

    companion object {
        const val PREFIX = "oqtopus-storage"
        private const val FORM_OVERHEAD = 64L * 1024
    }
}

/** An S3 error, rendered as S3's XML body. */
internal class S3Exception(status: HttpStatusCode, val code: String, message: String) : ProviderHttpException(status, message) {
    override fun body(): JsonElement = JsonPrimitive(message)

    override val contentType: ContentType get() = ContentType.Application.Xml

    override fun renderBody(): String =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>$code</Code><Message>${escape(message.orEmpty())}</Message></Error>"

    private fun escape(text: String) = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
}
