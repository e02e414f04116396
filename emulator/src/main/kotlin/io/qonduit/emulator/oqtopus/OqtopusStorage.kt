package io.qonduit.emulator.oqtopus

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.net.URLEncoder
import java.nio.charset.StandardCharsets
import java.security.MessageDigest
import java.security.SecureRandom
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.Base64
import java.util.concurrent.ConcurrentHashMap
import java.util.zip.ZipEntry
import java.util.zip.ZipException
import java.util.zip.ZipInputStream
import java.util.zip.ZipOutputStream
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/**
 * The S3-compatible object store behind OQTOPUS' presigned URLs (oqtopus.md §2, §6): objects by
 * key, upload policies for `POST /jobs`, and signed download links for `job_info`. Signatures are
 * HMAC-SHA256 with a key drawn per emulator, so a URL only works on the emulator that issued it.
 */
internal class OqtopusStorage {
    private val key = ByteArray(KEY_BYTES).also { SecureRandom().nextBytes(it) }
    private val objects = ConcurrentHashMap<String, ByteArray>()

    /** The session token every upload policy carries (`x-amz-security-token`). */
    val securityToken: String = "emulator-session-" + hex(ByteArray(8).also { SecureRandom().nextBytes(it) })

    fun put(objectKey: String, bytes: ByteArray) {
        objects[objectKey] = bytes
    }

    fun get(objectKey: String): ByteArray? = objects[objectKey]

    fun remove(objectKey: String) {
        objects.remove(objectKey)
    }

    fun removePrefix(prefix: String) {
        objects.keys.removeIf { it.startsWith(prefix) }
    }

    /** The form fields of a presigned POST for [objectKey], valid until [expires], of at most [maxBytes]. */
    fun uploadFields(objectKey: String, expires: Instant, maxBytes: Long): Map<String, String> {
        val policy = buildJsonObject {
            put("expiration", expires.truncatedTo(ChronoUnit.SECONDS).toString())
            put("conditions", buildJsonArray {
                add(buildJsonObject { put("bucket", BUCKET) })
                add(buildJsonObject { put("key", objectKey) })
                add(buildJsonObject { put("x-amz-security-token", securityToken) })
                add(buildJsonArray { add(JsonPrimitive("content-length-range")); add(JsonPrimitive(0)); add(JsonPrimitive(maxBytes)) })
            })
        }.toString()
        val encodedPolicy = Base64.getEncoder().encodeToString(policy.toByteArray(StandardCharsets.UTF_8))
        return linkedMapOf(
            "key" to objectKey,
            "AWSAccessKeyId" to ACCESS_KEY_ID,
            "x-amz-security-token" to securityToken,
            "policy" to encodedPolicy,
            "signature" to sign(encodedPolicy),
        )
    }

    /** A checked upload policy: its key, expiry and size limit; null when the signature does not match. */
    fun verifyPolicy(encodedPolicy: String, signature: String): UploadPolicy? {
        if (!MessageDigest.isEqual(sign(encodedPolicy).toByteArray(), signature.toByteArray())) return null
        return try {
            val policy = Json.parseToJsonElement(String(Base64.getDecoder().decode(encodedPolicy), StandardCharsets.UTF_8)) as JsonObject
            val conditions = policy.getValue("conditions") as JsonArray
            val objectKey = conditions.filterIsInstance<JsonObject>().first { "key" in it }.getValue("key").jsonPrimitive.content
            val range = conditions.filterIsInstance<JsonArray>().first { it[0].jsonPrimitive.content == "content-length-range" }
            UploadPolicy(objectKey, Instant.parse(policy.getValue("expiration").jsonPrimitive.content), range[2].jsonPrimitive.content.toLong())
        } catch (e: Exception) {
            null
        }
    }

    /** The query string (`AWSAccessKeyId`, `Expires`, `Signature`) that lets a GET of [objectKey] through until [expires]. */
    fun downloadQuery(objectKey: String, expires: Instant): String {
        val epoch = expires.epochSecond
        return "AWSAccessKeyId=$ACCESS_KEY_ID&Expires=$epoch&Signature=" +
            URLEncoder.encode(sign("GET\n$objectKey\n$epoch"), StandardCharsets.UTF_8)
    }

    /** True when [signature] is this store's signature of a GET of [objectKey] expiring at [epoch]. */
    fun verifyDownload(objectKey: String, epoch: Long, signature: String): Boolean =
        MessageDigest.isEqual(sign("GET\n$objectKey\n$epoch").toByteArray(), signature.toByteArray())

    private fun sign(text: String): String {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(key, "HmacSHA256"))
        return Base64.getEncoder().encodeToString(mac.doFinal(text.toByteArray(StandardCharsets.UTF_8)))
    }

    class UploadPolicy(val key: String, val expiration: Instant, val maxBytes: Long)

    companion object {
        const val BUCKET = "oqtopus"
        const val ACCESS_KEY_ID = "QONDUITEMULATORKEY"
        private const val KEY_BYTES = 32

        private fun hex(bytes: ByteArray): String = bytes.joinToString("") { "%02x".format(it) }

        /** A DEFLATE zip with one entry, [entryName], holding [content] (as oqtopus-client and the service write them). */
        fun zipOne(entryName: String, content: ByteArray): ByteArray {
            val out = ByteArrayOutputStream()
            ZipOutputStream(out).use { zip ->
                zip.putNextEntry(ZipEntry(entryName))
                zip.write(content)
                zip.closeEntry()
            }
            return out.toByteArray()
        }

        /**
         * The entries of [zip] (name -> bytes), read up to [maxBytes] in all (more, or a malformed
         * archive, throws [ZipException]), so that a small upload cannot inflate without bound.
         */
        fun unzip(zip: ByteArray, maxBytes: Long): Map<String, ByteArray> {
            val entries = LinkedHashMap<String, ByteArray>()
            var total = 0L
            ZipInputStream(ByteArrayInputStream(zip)).use { input ->
                while (true) {
                    val entry = input.nextEntry ?: break
                    if (entry.isDirectory) continue
                    val out = ByteArrayOutputStream()
                    val buffer = ByteArray(BUFFER)
                    while (true) {
                        val n = input.read(buffer)
                        if (n < 0) break
                        total += n
                        if (total > maxBytes) throw ZipException("the archive holds more than $maxBytes bytes")
                        out.write(buffer, 0, n)
                    }
                    entries[entry.name] = out.toByteArray()
                }
            }
            if (entries.isEmpty() && !(zip.size >= 4 && zip[0] == 'P'.code.toByte() && zip[1] == 'K'.code.toByte())) {
                throw ZipException("not a zip archive")
            }
            return entries
        }

        private const val BUFFER = 8192
    }
}
