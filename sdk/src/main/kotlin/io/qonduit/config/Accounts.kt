package io.qonduit.config

import io.qonduit.Qonduit
import io.qonduit.oqc.OqcSdk
import io.qonduit.oqtant.OqtantClient
import io.qonduit.transport.Secret

/**
 * Resolves each provider's endpoint and token from explicit arguments first, then the variables
 * and files its Python client already uses, so moving from Python changes nothing on disk:
 *
 * | provider | url | token |
 * |---|---|---|
 * | QPI | `QPI_URL`, else `http://localhost:8090` | `QPI_API_TOKEN` (optional) |
 * | OQC | `OQC_URL` | `OQC_AUTHENTICATION_TOKEN` |
 * | Oqtant | the public service | `~/.access-token.txt` (where `QuantumMatterFactory.get_login()` looks) |
 * | Qibo | `QIBO_URL` | `QIBO_TOKEN` |
 *
 * OQTOPUS has its own INI-based [io.qonduit.oqtopus.OqtopusConfig.load].
 *
 * Every function throws [ConfigurationException] naming what is missing and every place looked.
 */
public object Accounts {
    /** The QPI orchestrator's default address. */
    public const val QPI_DEFAULT_URL: String = "http://localhost:8090"

    /** Where the Python Oqtant client reads a saved access token, relative to the home directory. */
    public const val OQTANT_TOKEN_FILE: String = ".access-token.txt"

    /** Qibo's server URL variable (qibo-client takes the URL as an argument; this is Qonduit's name). */
    public const val QIBO_URL: String = "QIBO_URL"

    /** Qibo's API token variable (Qonduit's name, as qibo-client reads none). */
    public const val QIBO_TOKEN: String = "QIBO_TOKEN"

    /** A QPI account: [url], else `QPI_URL`, else [QPI_DEFAULT_URL]; [token], else `QPI_API_TOKEN`, else none. */
    @JvmStatic
    @JvmOverloads
    public fun qpi(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): ResolvedAccount =
        AccountResolver("QPI", sources).run {
            resolve(listOf(argument("url", url), env(Qonduit.QPI_URL), default(QPI_DEFAULT_URL)), listOf(argument("token", token), env(Qonduit.QPI_API_TOKEN)), tokenOptional = true)
        }

    /** An OQC account: [url], else `OQC_URL`; [token], else `OQC_AUTHENTICATION_TOKEN`. */
    @JvmStatic
    @JvmOverloads
    public fun oqc(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): ResolvedAccount =
        AccountResolver("OQC", sources).run {
            resolve(listOf(argument("url", url), env(OqcSdk.ENV_URL)), listOf(argument("token", token), env(OqcSdk.ENV_TOKEN)))
        }

    /** An Oqtant account: [url], else [OqtantClient.DEFAULT_BASE_URL]; [token], else the saved `~/.access-token.txt`. */
    @JvmStatic
    @JvmOverloads
    public fun oqtant(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): ResolvedAccount =
        AccountResolver("Oqtant", sources).run {
            resolve(listOf(argument("url", url), default(OqtantClient.DEFAULT_BASE_URL)), listOf(argument("token", token), homeFile(OQTANT_TOKEN_FILE)))
        }

    /** A Qibo account: [url], else `QIBO_URL`; [token], else `QIBO_TOKEN`. */
    @JvmStatic
    @JvmOverloads
    public fun qibo(sources: ConfigSources = ConfigSources.system(), url: String? = null, token: Secret? = null): ResolvedAccount =
        AccountResolver("Qibo", sources).run {
            resolve(listOf(argument("url", url), env(QIBO_URL)), listOf(argument("token", token), env(QIBO_TOKEN)))
        }
}
