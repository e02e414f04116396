package io.qonduit.oqtopus

import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.plugins.HttpTimeout
import io.ktor.client.request.forms.ChannelProvider
import io.ktor.client.request.forms.formData
import io.ktor.client.request.forms.submitFormWithBinaryData
import io.ktor.client.request.header
import io.ktor.client.request.prepareGet
import io.ktor.client.statement.bodyAsChannel
import io.ktor.http.Headers
import io.ktor.http.HttpHeaders
import io.ktor.http.Url
import io.ktor.util.cio.readChannel
import io.ktor.utils.io.jvm.javaio.toInputStream
import io.qonduit.transport.HttpTransport
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.File
import java.io.IOException
import java.time.Duration

/**
 * Transfers to and from the presigned storage URLs. A client of its own, with no API credentials
 * and no default headers at all: a presigned URL carries its own signature, and the API token must
 * never travel to storage. URLs (their query strings are signatures) never appear in errors. Each
 * URL, handed out by the API, passes [checkUrl] (the transport's policy for advertised URLs) first.
 */
internal class OqtopusStorage(
    engine: HttpClientEngine,
    timeout: Duration,
    private val userAgent: String,
    private val maxDownloadBytes: Long,
    private val checkUrl: (String) -> String,
) : AutoCloseable {
    private val client = HttpClient(engine) {
        expectSuccess = false
        followRedirects = false
        install(HttpTimeout) { requestTimeoutMillis = timeout.toMillis() }
    }

    /**
     * Posts the zip [archive] as the file part `file`, after every presigned form field, streamed from
     * the file with its length declared. Storage answers 200, 201 or 204.
     */
    suspend fun upload(form: OqtopusPresignedUpload, fileName: String, archive: File) {
        val size = archive.length()
        val url = checkUrl(form.url)
        val response = transfer("upload") {
            client.submitFormWithBinaryData(url, formData {
                form.fields.forEach { (k, v) -> append(k, v) }
                append("file", ChannelProvider(size) { archive.readChannel() }, Headers.build {
                    append(HttpHeaders.ContentType, "application/zip")
                    append(HttpHeaders.ContentDisposition, "filename=\"$fileName\"")
                })
            }) { header(HttpHeaders.UserAgent, userAgent) }
        }
        val status = response.status.value
        // Not the body: S3's signature errors quote the string it signed and the signature given.
        if (status != 200 && status != 201 && status != 204) {
            throw OqtopusStorageException("upload of $fileName to storage ${where(form.url)} failed: HTTP $status")
        }
    }

    /** Downloads the one-file zip at [url] and returns its file, streamed and size-capped (see [OqtopusZip.readSingle]). */
    suspend fun download(what: String, url: String): OqtopusZip.SingleEntry = transfer("download of $what") {
        client.prepareGet(checkUrl(url)) { header(HttpHeaders.UserAgent, userAgent) }.execute { response ->
            val status = response.status.value
            if (status != 200) throw OqtopusStorageException("download of $what from storage ${where(url)} failed: HTTP $status")
            val declared = response.headers[HttpHeaders.ContentLength]?.toLongOrNull()
            if (declared != null && declared > maxDownloadBytes) throw OqtopusDownloadLimitException(what, "archive", maxDownloadBytes)
            val input = response.bodyAsChannel().toInputStream()
            withContext(Dispatchers.IO) { OqtopusZip.readSingle(what, input, maxDownloadBytes, maxDownloadBytes) }
        }
    }

    override fun close() = client.close()

    private suspend fun <T> transfer(what: String, block: suspend () -> T): T = try {
        block()
    } catch (e: IOException) {
        // The engine's message may quote the presigned URL, signature and all: the cause is a cleaned copy.
        throw OqtopusStorageException("$what failed (${e.javaClass.simpleName})", HttpTransport.cleanedCopy(e))
    }

    /** The origin and path of a storage URL, never its signed query string. */
    private fun where(url: String): String = Url(url).let { "${it.protocol.name}://${it.host}:${it.port}${it.encodedPath}" }
}
