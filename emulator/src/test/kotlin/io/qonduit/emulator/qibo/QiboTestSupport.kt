package io.qonduit.emulator.qibo

import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestHttp
import io.qonduit.emulator.TestResponse
import io.qonduit.fixtures.ReferenceFixtures
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import net.razorvine.pickle.IObjectConstructor
import net.razorvine.pickle.Unpickler
import org.apache.commons.compress.archivers.tar.TarArchiveEntry
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream
import java.io.ByteArrayInputStream
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.time.Duration

val QIBO_DEMO: Map<String, String> = mapOf("x-api-token" to QiboEmulatorState.DEMO_TOKEN)

/** A circuit of `fixtures/qibo/` (Circuit.raw written by qibo 0.3.2). */
fun qiboCircuit(name: String): JsonObject = Json.parseToJsonElement(ReferenceFixtures.text("qibo", "circuit.$name.generated.json")).jsonObject

fun jobBody(circuit: JsonElement, nshots: Int? = 100, device: String = QiboEmulatorState.SIM, project: String = "personal"): String =
    buildJsonObject {
        put("circuit", circuit)
        put("nshots", nshots?.let { kotlinx.serialization.json.JsonPrimitive(it) } ?: JsonNull)
        put("device", device)
        put("project", project)
        put("verbatim", false)
    }.toString()

/** An emulator with fast, seeded jobs (the defaults: 50 ms queued, 100 ms running). */
fun qiboEmulator(queued: Long = 20, running: Long = 40): Emulator = Emulator.start(
    EmulatorConfig.builder().seed(11).queuedDelay(Duration.ofMillis(queued)).runningDelay(Duration.ofMillis(running)).build(),
)

fun TestHttp.postJob(body: String, headers: Map<String, String> = QIBO_DEMO): String {
    val reply = post("/qibo/api/jobs/", body, headers)
    check(reply.status == 200 && "pid" in reply.obj) { "post: $reply" }
    return reply.str("pid")
}

/** Polls `GET /api/jobs/{pid}/` until success or error; the statuses seen in order and the final job object. */
fun TestHttp.awaitJob(pid: String, headers: Map<String, String> = QIBO_DEMO, timeoutMillis: Long = 15_000): Pair<List<String>, TestResponse> {
    val seen = ArrayList<String>()
    val deadline = System.currentTimeMillis() + timeoutMillis
    while (true) {
        val job = get("/qibo/api/jobs/$pid/", headers)
        check(job.status == 200) { "job $pid: $job" }
        val status = job.str("status")
        if (seen.lastOrNull() != status) seen += status
        if (status == "success" || status == "error") return seen to job
        check(System.currentTimeMillis() < deadline) { "job $pid still $status after ${timeoutMillis}ms" }
        Thread.sleep(3)
    }
}

/** `GET /api/jobs/{pid}/download/` as bytes. */
fun download(baseUrl: String, pid: String, headers: Map<String, String> = QIBO_DEMO): HttpResponse<ByteArray> {
    val builder = HttpRequest.newBuilder(URI.create("$baseUrl/qibo/api/jobs/$pid/download/")).timeout(Duration.ofSeconds(10)).GET()
    headers.forEach { (k, v) -> builder.header(k, v) }
    return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
}

/** The entries of a tar.gz, by name, with their tar headers. */
fun untar(bytes: ByteArray): Map<String, Pair<TarArchiveEntry, ByteArray>> {
    val out = LinkedHashMap<String, Pair<TarArchiveEntry, ByteArray>>()
    TarArchiveInputStream(GzipCompressorInputStream(ByteArrayInputStream(bytes))).use { tar ->
        while (true) {
            val entry = tar.nextEntry ?: break
            out[entry.name] = entry to tar.readAllBytes()
        }
    }
    return out
}

/** A `.npy` file split as NumPy reads it: version, header dict text and the data after it. */
class NpyParts(val major: Int, val minor: Int, val header: String, val dataOffset: Int, val data: ByteArray)

fun npyParts(bytes: ByteArray): NpyParts {
    check(bytes[0] == 0x93.toByte() && String(bytes, 1, 5, Charsets.US_ASCII) == "NUMPY") { "no .npy magic" }
    val length = (bytes[8].toInt() and 0xFF) or ((bytes[9].toInt() and 0xFF) shl 8)
    val header = String(bytes, 10, length, Charsets.US_ASCII)
    return NpyParts(bytes[6].toInt(), bytes[7].toInt(), header, 10 + length, bytes.copyOfRange(10 + length, bytes.size))
}

/** A NumPy array as the test's unpickler rebuilds it: dtype string, shape and raw little-endian data. */
class DecodedArray {
    var descr: String = ""
    var shape: List<Int> = emptyList()
    var data: Any? = null

    @Suppress("FunctionName", "unused") // called by the unpickler's BUILD, by name
    fun __setstate__(state: Array<Any?>) {
        shape = (state[1] as Array<*>).map { (it as Number).toInt() }
        descr = (state[2] as DecodedDtype).descr
        data = state[4]
    }

    fun bytes(): ByteBuffer = ByteBuffer.wrap(data as ByteArray).order(ByteOrder.LITTLE_ENDIAN)
    fun longs(): LongArray = bytes().let { b -> LongArray(b.remaining() / 8) { b.getLong() } }
    fun doubles(): DoubleArray = bytes().let { b -> DoubleArray(b.remaining() / 8) { b.getDouble() } }
    /** The one element of a 0-d object array. */
    fun item(): Any? = (data as List<*>).single()
}

class DecodedDtype(val descr: String) {
    var byteOrder: String = ""
    var flags: Int = 0

    @Suppress("FunctionName", "unused") // called by the unpickler's BUILD, by name
    fun __setstate__(state: Array<Any?>) {
        byteOrder = state[1] as String
        flags = (state[7] as Number).toInt()
    }
}

/** Unpickles the data of an object `.npy` with `numpy._core.multiarray._reconstruct` and `numpy.dtype` mapped to the classes above. */
fun unpickleNumpy(data: ByteArray): DecodedArray {
    Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", IObjectConstructor { DecodedArray() })
    Unpickler.registerConstructor("numpy", "dtype", IObjectConstructor { args -> DecodedDtype(args[0] as String) })
    return Unpickler().loads(data) as DecodedArray
}

/** `results.npy` of a job's archive, decoded into its result dict. */
@Suppress("UNCHECKED_CAST")
fun resultDict(archive: ByteArray): Map<String, Any?> {
    val npy = untar(archive).getValue(QiboResultArchive.RESULTS_FILE).second
    return unpickleNumpy(npyParts(npy).data).item() as Map<String, Any?>
}

/** qibo's `frequencies()` rebuilt from decoded `samples`: one key per shot row. */
fun frequencies(samples: DecodedArray): Map<String, Int> {
    val (rows, columns) = samples.shape
    val values = samples.longs()
    val out = java.util.TreeMap<String, Int>()
    for (r in 0 until rows) out.merge((0 until columns).joinToString("") { values[r * columns + it].toString() }, 1, Int::plus)
    return out
}

fun TestResponse.intOrNull(key: String): Int? = obj[key]?.takeIf { it !is JsonNull }?.jsonPrimitive?.content?.toDouble()?.toInt()
