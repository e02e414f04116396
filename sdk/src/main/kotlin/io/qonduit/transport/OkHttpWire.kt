package io.qonduit.transport

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.job
import kotlinx.coroutines.withContext
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response
import java.io.IOException
import java.time.Duration
import java.util.concurrent.TimeUnit

/**
 * The default [Wire]: the process-wide OkHttp [client] of [SharedEngines], called directly.
 *
 * Why not through Ktor's OkHttp engine: that engine hands each request to an OkHttp dispatcher
 * thread, resumes the caller from it, and copies the body through a channel filled by a third
 * coroutine; here the request is sent, and its body read, on one IO thread with
 * OkHttp's blocking calls. A GET loop through the SDK over one connection to the emulator went
 * from 0.38× to 0.57× the request rate of `wrk` (2 cores, `GetJobLoopBench`; BENCHMARKS.md, item 4).
 *
 * [requestTimeout] is OkHttp's call timeout: a deadline for the whole exchange, body included.
 */
internal class OkHttpWire(private val client: OkHttpClient, private val requestTimeout: Duration) : Wire {
    override suspend fun <T> exchange(request: WireRequest, read: suspend (WireResponse) -> T): T {
        val call = client.newCall(request.toOkHttp())
        call.timeout().timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
        return withContext(CALLS) {
            // The call blocks this thread, so a cancelled caller can only stop it by cancelling the call,
            // from the cancelling thread. A handler on cancelling, not a watcher coroutine: one costs a
            // dispatch per request, about a tenth of the loop's rate.
            @OptIn(InternalCoroutinesApi::class)
            val onCancel = coroutineContext.job.invokeOnCompletion(onCancelling = true, invokeImmediately = true) { call.cancel() }
            try {
                call.execute().use { response -> read(OkHttpResponse(response)) }
            } catch (e: IOException) {
                ensureActive() // a call cancelled with its caller ends as a cancellation, not a connection failure
                throw e
            } finally {
                onCancel.dispose()
            }
        }
    }

    /** Nothing to close: the client is shared. */
    override fun close() = Unit

    private class OkHttpResponse(private val response: Response) : WireResponse {
        private val source = response.body.source()

        override val status: Int get() = response.code

        override fun header(name: String): String? = response.header(name)

        override suspend fun read(buffer: ByteArray): Int = source.read(buffer, 0, buffer.size)
    }

    private companion object {
        /**
         * Where calls block: IO threads, up to [SharedEngines.MAX_IN_FLIGHT] at once (a view of
         * `Dispatchers.IO`, which on its own would hold back all but 64, a composite's `maxConcurrency` notwithstanding).
         */
        val CALLS = Dispatchers.IO.limitedParallelism(SharedEngines.MAX_IN_FLIGHT)

        fun WireRequest.toOkHttp(): Request {
            val builder = Request.Builder().url(url)
            headers.forEach { (k, v) -> builder.header(k, v) }
            return builder.method(method.value, body?.toOkHttp() ?: if (method.value in NEEDS_BODY) EMPTY else null).build()
        }

        // Bytes, not text: OkHttp's text bodies add "; charset=utf-8" to the content type, which Ktor does not send.
        fun Body.toOkHttp(): RequestBody = encoded().toRequestBody(contentType.toString().toMediaType())

        /** Methods OkHttp sends only with a body: an empty one when the caller has none, as Ktor sends. */
        val NEEDS_BODY = setOf("POST", "PUT", "PATCH")
        val EMPTY: RequestBody = ByteArray(0).toRequestBody(null)
    }
}
