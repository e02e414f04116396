package io.qonduit.emulator.oqtopus

import io.qonduit.emulator.TestResponse
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.util.UUID
import java.util.zip.ZipEntry
import java.util.zip.ZipInputStream
import java.util.zip.ZipOutputStream

const val OQ_BELL = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0],q[1];\nc = measure q;\n"
const val OQ_PLUS = "OPENQASM 3;\ninclude \"stdgates.inc\";\nqubit[1] q;\nbit[1] c;\nh q[0];\nc = measure q;\n"

val OQ_DEMO: Map<String, String> = mapOf("q-api-token" to OqtopusEmulatorState.DEMO_TOKEN)

/** A raw response of the storage endpoint (bytes, since downloads are zips). */
class RawResponse(val status: Int, val bytes: ByteArray, val headers: Map<String, List<String>>) {
    val text: String get() = String(bytes, Charsets.UTF_8)
    override fun toString(): String = "$status $text"
}

/** Plain HTTP to the storage endpoint, never with API credentials unless a test adds them on purpose. */
object Storage {
    private val client: HttpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()

    /** An S3 form POST: every field of [fields] in order, then the file part `file` (last, as S3 wants). */
    fun upload(url: String, fields: Map<String, String>, file: ByteArray, headers: Map<String, String> = emptyMap(), fileLast: Boolean = true): RawResponse {
        val boundary = "----qonduit" + UUID.randomUUID().toString().replace("-", "")
        val body = multipart(boundary, fields, file, fileLast)
        val builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
            .header("Content-Type", "multipart/form-data; boundary=$boundary")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        headers.forEach { (k, v) -> builder.header(k, v) }
        val response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
        return RawResponse(response.statusCode(), response.body(), response.headers().map())
    }

    fun multipart(boundary: String, fields: Map<String, String>, file: ByteArray, fileLast: Boolean = true): ByteArray {
        val out = ByteArrayOutputStream()
        fun write(s: String) = out.write(s.toByteArray(Charsets.UTF_8))
        fun fieldParts() = fields.forEach { (k, v) ->
            write("--$boundary\r\nContent-Disposition: form-data; name=\"$k\"\r\n\r\n$v\r\n")
        }
        fun filePart() {
            write("--$boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"input.zip\"\r\nContent-Type: application/zip\r\n\r\n")
            out.write(file)
            write("\r\n")
        }
        if (fileLast) { fieldParts(); filePart() } else { filePart(); fieldParts() }
        write("--$boundary--\r\n")
        return out.toByteArray()
    }

    fun get(url: String, headers: Map<String, String> = emptyMap()): RawResponse {
        val builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET()
        headers.forEach { (k, v) -> builder.header(k, v) }
        val response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
        return RawResponse(response.statusCode(), response.body(), response.headers().map())
    }
}

fun zipOf(entries: Map<String, ByteArray>): ByteArray {
    val out = ByteArrayOutputStream()
    ZipOutputStream(out).use { zip -> entries.forEach { (name, bytes) -> zip.putNextEntry(ZipEntry(name)); zip.write(bytes); zip.closeEntry() } }
    return out.toByteArray()
}

fun inputZip(info: JsonObject): ByteArray = zipOf(mapOf("input.json" to info.toString().toByteArray()))

fun unzipAll(bytes: ByteArray): Map<String, ByteArray> {
    val out = LinkedHashMap<String, ByteArray>()
    ZipInputStream(ByteArrayInputStream(bytes)).use { zip ->
        while (true) {
            val e = zip.nextEntry ?: break
            out[e.name] = zip.readBytes()
        }
    }
    return out
}

/** The one file of a downloaded job_info zip, parsed as JSON. */
fun RawResponse.singleJson(): kotlinx.serialization.json.JsonElement {
    val entries = unzipAll(bytes)
    check(entries.size == 1) { "expected one file, found ${entries.keys}" }
    return Json.parseToJsonElement(String(entries.values.single(), Charsets.UTF_8))
}

/** `input.json` of a sampling job. */
fun programs(vararg program: String): JsonObject = buildJsonObject {
    put("program", kotlinx.serialization.json.JsonArray(program.map { kotlinx.serialization.json.JsonPrimitive(it) }))
}

fun submitBody(jobType: String = "sampling", shots: Int = 1000, deviceId: String = OqtopusEmulatorState.SVSIM, name: String = "test job", extra: JsonObject.() -> JsonObject = { this }): String =
    buildJsonObject {
        put("name", name)
        put("description", "$name description")
        put("device_id", deviceId)
        put("job_type", jobType)
        put("transpiler_info", buildJsonObject { })
        put("simulator_info", buildJsonObject { })
        put("mitigation_info", buildJsonObject { })
        put("shots", shots)
    }.extra().toString()

/** Register → upload → submit; returns the job id. */
fun ContractHttp.submitJob(info: JsonObject, body: String = submitBody(), headers: Map<String, String> = OQ_DEMO): String {
    val register = post("/oqtopus/jobs", null, headers)
    check(register.status == 200) { "register: $register" }
    val id = register.str("job_id")
    val presigned = register.obj.getValue("presigned_url").jsonObject
    val fields = presigned.getValue("fields").jsonObject.mapValues { it.value.jsonPrimitive.content }
    val upload = Storage.upload(presigned.getValue("url").jsonPrimitive.content, fields, inputZip(info))
    check(upload.status == 204) { "upload: $upload" }
    val submit = post("/oqtopus/jobs/$id/submit", body, headers)
    check(submit.status == 200) { "submit: $submit" }
    return id
}

/** Polls `GET /jobs/{id}/status` until terminal; the statuses seen in order, and the final `GET /jobs/{id}`. */
fun ContractHttp.awaitOqtopusJob(id: String, headers: Map<String, String> = OQ_DEMO, timeoutMillis: Long = 15_000): Pair<List<String>, TestResponse> {
    val seen = ArrayList<String>()
    val deadline = System.currentTimeMillis() + timeoutMillis
    while (true) {
        val status = get("/oqtopus/jobs/$id/status", headers)
        check(status.status == 200) { "status of $id: $status" }
        val s = status.str("status")
        if (seen.lastOrNull() != s) seen += s
        if (s in setOf("succeeded", "failed", "cancelled")) return seen to get("/oqtopus/jobs/$id", headers)
        check(System.currentTimeMillis() < deadline) { "job $id still $s after ${timeoutMillis}ms" }
        Thread.sleep(5)
    }
}

fun TestResponse.jobInfo(key: String): String = obj.getValue("job_info").jsonObject.getValue(key).jsonPrimitive.content
