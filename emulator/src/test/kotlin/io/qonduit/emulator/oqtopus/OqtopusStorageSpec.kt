package io.qonduit.emulator.oqtopus

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.qonduit.emulator.Emulator
import io.qonduit.emulator.EmulatorConfig
import io.qonduit.emulator.TestResponse
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.time.Duration
import java.util.Base64

/** The presigned storage: form uploads with signed, expiring policies and size caps; signed download links. */
class OqtopusStorageSpec : FunSpec({
    val emulator = Emulator.start(EmulatorConfig(seed = 9L))
    val http = ContractHttp(emulator.baseUrl)
    afterSpec { emulator.close() }

    class Ticket(val id: String, val url: String, val fields: Map<String, String>)

    fun register(): Ticket {
        val r: TestResponse = http.post("/oqtopus/jobs")
        val presigned = r.obj.getValue("presigned_url").jsonObject
        return Ticket(r.str("job_id"), presigned.getValue("url").jsonPrimitive.content,
            presigned.getValue("fields").jsonObject.mapValues { it.value.jsonPrimitive.content })
    }

    fun RawResponse.code(): String = Regex("<Code>([^<]*)</Code>").find(text)?.groupValues?.get(1) ?: "none: $text"

    test("the register answer: the storage URL on this server and the S3 policy fields for <job_id>/input.zip") {
        val t = register()
        t.url shouldBe "${emulator.url("oqtopus-storage")}/"
        t.fields.keys shouldBe setOf("key", "AWSAccessKeyId", "x-amz-security-token", "policy", "signature")
        t.fields.getValue("key") shouldBe "${t.id}/input.zip"
        String(Base64.getDecoder().decode(t.fields.getValue("policy"))) shouldContain "content-length-range"
        val ok = Storage.upload(t.url, t.fields, inputZip(programs(OQ_BELL)))
        ok.status shouldBe 204
        ok.bytes.size shouldBe 0
        emulator.oqtopus.storedObject("${t.id}/input.zip")!!.size shouldBe inputZip(programs(OQ_BELL)).size
    }

    test("a tampered policy, a changed key, a wrong access key or security token are refused with S3 errors") {
        val t = register()
        val zip = inputZip(programs(OQ_BELL))
        val tampered = Storage.upload(t.url, t.fields + ("policy" to Base64.getEncoder().encodeToString("{}".toByteArray())), zip)
        tampered.status shouldBe 403
        tampered.code() shouldBe "SignatureDoesNotMatch"
        tampered.headers.entries.first { it.key.equals("content-type", true) }.value.single() shouldStartWith "application/xml"
        val other = register()
        val moved = Storage.upload(t.url, t.fields + ("key" to other.fields.getValue("key")), zip)
        moved.status shouldBe 403
        moved.code() shouldBe "AccessDenied"
        Storage.upload(t.url, t.fields + ("AWSAccessKeyId" to "AKIAEXAMPLE"), zip).code() shouldBe "InvalidAccessKeyId"
        Storage.upload(t.url, t.fields + ("x-amz-security-token" to "stolen"), zip).code() shouldBe "InvalidToken"
        Storage.upload(t.url, t.fields - "signature", zip).code() shouldBe "InvalidArgument"
        emulator.oqtopus.storedObject("${other.id}/input.zip") shouldBe null
    }

    test("API credentials never go to storage: an upload or download carrying them is refused") {
        val t = register()
        val zip = inputZip(programs(OQ_BELL))
        val withToken = Storage.upload(t.url, t.fields, zip, headers = OQ_DEMO)
        withToken.status shouldBe 400
        withToken.code() shouldBe "InvalidArgument"
        withToken.text shouldContain "q-api-token"
        Storage.upload(t.url, t.fields, zip, headers = mapOf("Authorization" to "Bearer x")).status shouldBe 400
        Storage.upload(t.url, t.fields, zip).status shouldBe 204
        http.post("/oqtopus/jobs/${t.id}/submit", submitBody()).status shouldBe 200
        val link = http.awaitOqtopusJob(t.id).second.jobInfo("input")
        Storage.get(link, headers = OQ_DEMO).status shouldBe 400
        Storage.get(link).status shouldBe 200
    }

    test("an expired upload policy is refused") {
        emulator.oqtopus.uploadUrlTtl = Duration.ofSeconds(-5)
        val t = try { register() } finally { emulator.oqtopus.uploadUrlTtl = Duration.ofHours(1) }
        val expired = Storage.upload(t.url, t.fields, inputZip(programs(OQ_BELL)))
        expired.status shouldBe 403
        expired.text shouldContain "Policy expired"
    }

    test("the size cap: an upload over the policy's limit is EntityTooLarge, one at the limit is taken") {
        val t = register()
        val max = OqtopusEmulatorState.MAX_UPLOAD_BYTES.toInt()
        val over = Storage.upload(t.url, t.fields, ByteArray(max + 1))
        over.status shouldBe 400
        over.code() shouldBe "EntityTooLarge"
        Storage.upload(t.url, t.fields, ByteArray(max)).status shouldBe 204
    }

    test("fields after the file are ignored, as S3 does: the policy must come first") {
        val t = register()
        val late = Storage.upload(t.url, t.fields, inputZip(programs(OQ_BELL)), fileLast = false)
        late.status shouldBe 400
        late.code() shouldBe "InvalidArgument"
    }

    test("download links: a changed signature, a changed key or missing parameters are refused; expired links too") {
        val id = http.submitJob(programs(OQ_BELL))
        val link = http.awaitOqtopusJob(id).second.jobInfo("result")
        Storage.get(link).status shouldBe 200
        Storage.get(link.replace(Regex("Signature=[^&]+"), "Signature=abc")).code() shouldBe "SignatureDoesNotMatch"
        Storage.get(link.replace("/result.zip", "/input.zip")).code() shouldBe "SignatureDoesNotMatch"
        Storage.get(link.substringBefore('?')).code() shouldBe "AccessDenied"
        val expires = Regex("Expires=(\\d+)").find(link)!!.groupValues[1].toLong()
        Storage.get(link.replace("Expires=$expires", "Expires=${expires + 3600}")).code() shouldBe "SignatureDoesNotMatch"
        emulator.oqtopus.downloadUrlTtl = Duration.ofSeconds(-5)
        val stale = try { http.get("/oqtopus/jobs/$id").jobInfo("result") } finally { emulator.oqtopus.downloadUrlTtl = Duration.ofHours(1) }
        val expired = Storage.get(stale)
        expired.status shouldBe 403
        expired.text shouldContain "Request has expired"
    }

    test("what submit refuses in input.zip: not a zip, two files, not JSON, not an object, a wrong program type") {
        fun refusal(zip: ByteArray): String {
            val t = register()
            Storage.upload(t.url, t.fields, zip).status shouldBe 204
            val r = http.post("/oqtopus/jobs/${t.id}/submit", submitBody())
            r.status shouldBe 400
            return r.str("message")
        }
        refusal("not a zip".toByteArray()) shouldContain "not a valid zip"
        refusal(zipOf(mapOf("input.json" to "{}".toByteArray(), "extra.json" to "{}".toByteArray()))) shouldContain "exactly one file"
        refusal(zipOf(mapOf("input.json" to "{".toByteArray()))) shouldContain "not valid JSON"
        refusal(zipOf(mapOf("input.json" to "[1]".toByteArray()))) shouldContain "JSON object"
        refusal(zipOf(mapOf("input.json" to """{"program": "OPENQASM 3;"}""".toByteArray()))) shouldContain "list"
        refusal(inputZip(JsonObject(emptyMap()))) shouldContain "program is required"
        // a small upload that inflates past the input limit (a zip bomb) is refused, not expanded
        val limit = OqtopusEmulatorState.MAX_INPUT_JSON_BYTES.toInt()
        refusal(zipOf(mapOf("input.json" to ByteArray(limit / 2 + 1), "more.json" to ByteArray(limit / 2 + 1)))) shouldContain "more than"
    }

    test("an upload may be replaced until submit; submit reads the latest") {
        val t = register()
        Storage.upload(t.url, t.fields, inputZip(programs("broken"))).status shouldBe 204
        Storage.upload(t.url, t.fields, inputZip(programs(OQ_BELL))).status shouldBe 204
        http.post("/oqtopus/jobs/${t.id}/submit", submitBody()).status shouldBe 200
        http.awaitOqtopusJob(t.id).second.str("status") shouldBe "succeeded"
    }
})
