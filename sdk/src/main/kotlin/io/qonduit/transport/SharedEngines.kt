package io.qonduit.transport

import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.java.Java
import java.net.http.HttpClient as JdkHttpClient
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap

/**
 * The process-wide HTTP engines every Qonduit client uses unless its [TransportConfig.engine] names
 * its own: one Ktor Java engine (one JDK `HttpClient`, one selector thread) per protocol version and
 * connect timeout, created on first use and never closed.
 *
 * Why shared: a JDK 17 `HttpClient` has no `close()`, and its selector thread outlived every closed
 * client (50 clients closed left 50 selector threads alive after GC). A shared engine bounds the
 * threads by the number of distinct settings, not by the number of clients, and closing a client has
 * nothing of its own to stop. Sharing carries no state between clients: credentials travel as
 * per-request headers, there is no cookie handler or authenticator, and only the connection pool is
 * common. The engine runs on the coroutine IO dispatcher, so it owns no thread pool of its own.
 *
 * The connect timeout is part of the key because the JDK applies it per `HttpClient`, not per request.
 */
internal object SharedEngines {
    private data class Key(val version: JdkHttpClient.Version, val connectTimeout: Duration)

    private val engines = ConcurrentHashMap<Key, HttpClientEngine>()

    /** The engine for clients of [baseUrl]: HTTP/1.1 on plain http (the emulator, local servers), HTTP/2 negotiated over TLS. */
    fun forUrl(baseUrl: String, connectTimeout: Duration): HttpClientEngine {
        val version = if (baseUrl.startsWith("https://")) JdkHttpClient.Version.HTTP_2 else JdkHttpClient.Version.HTTP_1_1
        return engines.computeIfAbsent(Key(version, connectTimeout)) { key ->
            Java.create {
                protocolVersion = key.version
                config { connectTimeout(key.connectTimeout) }
            }
        }
    }
}
