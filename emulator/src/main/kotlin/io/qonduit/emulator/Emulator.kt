package io.qonduit.emulator

import io.ktor.http.ContentType
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.cio.CIO
import io.ktor.server.cio.CIOApplicationEngine
import io.ktor.server.engine.EmbeddedServer
import io.ktor.server.engine.embeddedServer
import io.ktor.server.plugins.statuspages.StatusPages
import io.ktor.server.response.respondText
import io.ktor.server.routing.route
import io.ktor.server.routing.routing
import io.qonduit.emulator.oqc.OqcEmulatorState
import io.qonduit.emulator.oqc.OqcRouter
import io.qonduit.emulator.oqtant.OqtantEmulatorState
import io.qonduit.emulator.oqtant.OqtantRouter
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState
import io.qonduit.emulator.oqtopus.OqtopusRouter
import io.qonduit.emulator.oqtopus.OqtopusStorageRouter
import io.qonduit.emulator.qibo.QiboEmulatorState
import io.qonduit.emulator.qibo.QiboRouter
import io.qonduit.emulator.qpi.QpiEmulatorState
import io.qonduit.emulator.qpi.QpiRouter
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.io.IOException
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.util.concurrent.atomic.AtomicBoolean

/**
 * A loopback HTTP server speaking the REST APIs of the supported quantum clouds, backed by the
 * Qonduit simulator, so clients and tests run fully offline.
 *
 * Each provider lives under its own path prefix: a QPI client uses [url]`("qpi")` as its base URL.
 * Start with [Emulator.start]; [close] stops the server and all emulated jobs.
 */
public class Emulator private constructor(
    /** The configuration this emulator was started with. */
    public val config: EmulatorConfig,
) : AutoCloseable {
    /** Fault rules and the request log shared by all providers. */
    public val faults: FaultInjector = FaultInjector()

    // Owns every emulated job's coroutine; cancelled on close so no job outlives the server.
    private val jobScope = CoroutineScope(
        SupervisorJob() + Dispatchers.Default + CoroutineExceptionHandler { _, error ->
            System.err.println("qonduit-emulator: background job failed: $error")
        },
    )

    /** The QPI provider's users, tokens, QPUs and jobs, for tests to inspect and adjust. */
    public val qpi: QpiEmulatorState = QpiEmulatorState(config, jobScope)

    /** The OQC provider's accounts, tokens, QPUs and tasks, for tests to inspect and adjust. */
    public val oqc: OqcEmulatorState = OqcEmulatorState(config, jobScope)

    /** The Oqtant provider's jobs, limits and demo tokens, for tests to inspect and adjust. */
    public val oqtant: OqtantEmulatorState = OqtantEmulatorState(config, jobScope)

    /** The OQTOPUS cloud's users, devices, jobs and storage, for tests to inspect and adjust. */
    public val oqtopus: OqtopusEmulatorState = OqtopusEmulatorState(config, jobScope)

    /** The Qibo cloud's users, quotas, partitions and jobs, for tests to inspect and adjust. */
    public val qibo: QiboEmulatorState = QiboEmulatorState(config, jobScope)

    private val routers: List<ProviderRouter> = listOf(
        QpiRouter(qpi), OqcRouter(oqc), OqtantRouter(oqtant), OqtopusRouter(oqtopus), OqtopusStorageRouter(oqtopus),
        QiboRouter(qibo),
    )

    private val server: EmbeddedServer<CIOApplicationEngine, CIOApplicationEngine.Configuration> =
        embeddedServer(CIO, port = config.port, host = config.host) { module() }

    private val closed = AtomicBoolean(false)

    /** The port actually bound (resolved when [EmulatorConfig.port] is 0). */
    public val port: Int

    init {
        try {
            if (config.port != 0) checkPortFree(config.host, config.port)
            server.start(wait = false)
            port = runBlocking { server.engine.resolvedConnectors().first().port }
        } catch (e: Exception) {
            jobScope.cancel()
            runCatching { server.stop(0, 0) }
            throw IllegalStateException("Could not start the emulator on ${config.host}:${config.port}: ${e.message}", e)
        }
    }

    /** Root URL of the server, e.g. `http://127.0.0.1:8090`. */
    public val baseUrl: String = "http://${hostForUrl(config.host)}:$port"

    /** Path prefixes of the providers this emulator serves, e.g. `["qpi"]`. */
    public val providers: List<String> = routers.map { it.prefix }

    /** Base URL of one provider's API, e.g. `url("qpi")` = `http://127.0.0.1:8090/qpi`. */
    public fun url(provider: String): String {
        require(provider in providers) { "provider must be one of $providers, was '$provider'" }
        return "$baseUrl/$provider"
    }

    /** Stops the server (short grace period) and cancels all emulated jobs. Safe to call twice. */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        jobScope.cancel()
        server.stop(gracePeriodMillis = STOP_GRACE_MILLIS, timeoutMillis = STOP_TIMEOUT_MILLIS)
    }

    private fun Application.module() {
        installFaultInterceptor(faults)
        install(StatusPages) {
            exception<ProviderHttpException> { call, cause ->
                call.respondText(cause.renderBody(), cause.contentType, cause.status)
            }
            exception<Throwable> { call, cause ->
                val body = buildJsonObject {
                    put("message", "Emulator error: ${cause.message ?: cause.javaClass.simpleName}")
                    put("status", HttpStatusCode.InternalServerError.value)
                }
                call.respondText(body.toString(), ContentType.Application.Json, HttpStatusCode.InternalServerError)
            }
        }
        routing {
            adminRoutes(this@Emulator)
            for (router in routers) {
                route("/${router.prefix}") { router.install(this) }
            }
        }
    }

    /** Factory methods. */
    public companion object {
        private const val STOP_GRACE_MILLIS = 50L
        private const val STOP_TIMEOUT_MILLIS = 1000L

        /** Starts an emulator with [config] (default: ephemeral port on 127.0.0.1) and returns once it listens. */
        @JvmStatic
        @JvmOverloads
        public fun start(config: EmulatorConfig = EmulatorConfig()): Emulator = Emulator(config)

        // Ktor reports a bind failure from a background coroutine (with a stack trace on stderr);
        // probing first turns the common "port in use" case into a clean exception.
        private fun checkPortFree(host: String, port: Int) {
            try {
                ServerSocket().use { socket ->
                    socket.reuseAddress = true
                    socket.bind(InetSocketAddress(host, port))
                }
            } catch (e: IOException) {
                throw IOException("port $port on $host is already in use", e)
            }
        }

        private fun hostForUrl(host: String): String = when {
            host == "0.0.0.0" -> "127.0.0.1"
            ':' in host -> "[$host]"
            else -> host
        }
    }
}
