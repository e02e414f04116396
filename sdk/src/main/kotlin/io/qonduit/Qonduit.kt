package io.qonduit

import io.qonduit.backend.Backend
import io.qonduit.local.LocalBackend
import io.qonduit.qpi.QpiClient
import io.qonduit.transport.Secret
import java.util.concurrent.CompletableFuture

/**
 * Where jobs go when the caller names no provider.
 *
 * With no account configured, that is the embedded default: the in-process state-vector simulator
 * ([LocalBackend]), which needs no network. When the environment names a QPI orchestrator
 * (`QPI_URL` and `QPI_API_TOKEN`, optionally `QPI_QPU`, default `mock`), jobs go there instead.
 */
public object Qonduit {
    /** Environment variable naming the QPI orchestrator. */
    public const val QPI_URL: String = "QPI_URL"

    /** Environment variable holding the QPI API token. */
    public const val QPI_API_TOKEN: String = "QPI_API_TOKEN"

    /** Environment variable naming the QPI QPU to use. */
    public const val QPI_QPU: String = "QPI_QPU"

    private val embedded: LocalBackend by lazy { LocalBackend() }

    /** The process-wide embedded backend (the state-vector simulator). Never needs closing. */
    @JvmStatic
    public fun local(): LocalBackend = embedded

    /**
     * The default target for [environment] (the process environment by default): a QPI backend when
     * QPI is configured there, else [local]. A configured account that cannot be reached fails here
     * rather than falling back silently.
     */
    public suspend fun defaultBackend(environment: Map<String, String> = System.getenv()): Backend {
        val url = environment[QPI_URL]?.takeIf { it.isNotBlank() }
        val token = environment[QPI_API_TOKEN]?.takeIf { it.isNotBlank() }
        if (url == null || token == null) return local()
        // The client lives as long as the backend it serves: the process.
        return QpiClient.create(url, Secret(token)).backend(environment[QPI_QPU] ?: "mock")
    }

    /** [defaultBackend] for Java, from the process environment. */
    @JvmStatic
    public fun defaultBackendAsync(): CompletableFuture<Backend> = io.qonduit.job.JavaBridge.future { defaultBackend() }
}
