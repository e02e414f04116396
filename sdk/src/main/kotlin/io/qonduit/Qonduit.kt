package io.qonduit

import io.qonduit.job.JavaBridge
import io.qonduit.local.LocalBackend
import io.qonduit.qibo.QiboClient
import io.qonduit.qpi.QpiClient
import io.qonduit.target.Target
import io.qonduit.transport.Secret
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import java.util.concurrent.CompletableFuture

/**
 * Where programs run when the caller names no provider.
 *
 * With no account configured, that is the embedded default: the in-process state-vector simulator
 * ([local]), which needs no network. When the environment names a QPI orchestrator (`QPI_URL` and
 * `QPI_API_TOKEN`, optionally `QPI_QPU`, default `mock`), programs go there instead. Either way the
 * same code runs unchanged, since every [Target] takes the same programs, bindings and options:
 *
 * ```
 * val job = Qonduit.defaultTarget().run(bell) { shots = 1000 }
 * println(job.execute().items().single().counts("c"))
 * ```
 */
public object Qonduit {
    /** Environment variable naming the QPI orchestrator. */
    public const val QPI_URL: String = "QPI_URL"

    /** Environment variable holding the QPI API token. */
    public const val QPI_API_TOKEN: String = "QPI_API_TOKEN"

    /** Environment variable naming the QPI QPU to use. */
    public const val QPI_QPU: String = "QPI_QPU"

    private val embedded: LocalBackend by lazy { LocalBackend() }

    /** One target per configured account, for the life of the process (no client per call). */
    private val configured = HashMap<QpiAccount, Target>()
    private val lock = Mutex()

    /**
     * A client of the Qibo cloud server at [url] with the API [token] (qibo-client's `Client(token, url)`:
     * both explicit, as qibo-client reads no token from the environment). Run circuits with
     * `qibo(url, token).target("sim")` or [QiboClient.runCircuit]; close the client when done.
     */
    @JvmStatic
    public fun qibo(url: String, token: Secret): QiboClient = QiboClient.create(url, token)

    /** The process-wide embedded target (the state-vector simulator). Never needs closing. */
    @JvmStatic
    public fun local(): LocalBackend = embedded

    /**
     * The local Oqtant target: a new [io.qonduit.oqtant.OqtantSimulator] running Oqtant jobs on the
     * in-process Gross–Pitaevskii matter simulator (the Python client's `submit(sim=True)`).
     */
    @JvmStatic
    public fun oqtantSimulator(): io.qonduit.oqtant.OqtantSimulator = io.qonduit.oqtant.OqtantSimulator()

    /**
     * The default target for [environment] (the process environment by default): the QPI QPU it
     * names when QPI is configured there, else [local]. The target is created once per process and
     * account, then reused. A configured account that cannot be reached fails here rather than
     * falling back silently, and is tried again on the next call.
     */
    public suspend fun defaultTarget(environment: Map<String, String> = System.getenv()): Target {
        val account = QpiAccount.from(environment) ?: return local()
        return lock.withLock {
            configured[account] ?: connect(account).also { configured[account] = it }
        }
    }

    /** [defaultTarget] for Java, from the process environment. */
    @JvmStatic
    public fun defaultTargetAsync(): CompletableFuture<Target> = JavaBridge.future { defaultTarget() }

    private suspend fun connect(account: QpiAccount): Target {
        // The client lives as long as the target it serves: the process.
        val client = QpiClient.create(account.url, Secret(account.token))
        return try {
            client.backend(account.qpu)
        } catch (e: Throwable) {
            client.close() // also on cancellation: nothing else holds this client
            throw e
        }
    }

    /** A QPI account named by the environment; the token never leaves this object's fields. */
    private data class QpiAccount(val url: String, val token: String, val qpu: String) {
        override fun toString(): String = "QpiAccount($url, $qpu)"

        companion object {
            fun from(environment: Map<String, String>): QpiAccount? {
                val url = environment[QPI_URL]?.takeIf { it.isNotBlank() } ?: return null
                val token = environment[QPI_API_TOKEN]?.takeIf { it.isNotBlank() } ?: return null
                return QpiAccount(url, token, environment[QPI_QPU]?.takeIf { it.isNotBlank() } ?: "mock")
            }
        }
    }
}
