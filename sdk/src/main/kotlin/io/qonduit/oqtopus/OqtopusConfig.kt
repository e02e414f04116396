package io.qonduit.oqtopus

import io.qonduit.config.configurationMissing
import io.qonduit.errors.ValidationException
import io.qonduit.transport.Secret
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.time.Duration

/**
 * Where an OQTOPUS User API is and how to reach it, resolved as oqtopus-client's `OqtopusConfig`:
 * explicit values ([of]), the environment ([fromEnv]: `OQTOPUS_BASE_URL` (or `OQTOPUS_URL`),
 * `OQTOPUS_API_TOKEN`, `OQTOPUS_PROXY`) or the INI file `~/.config/oqtopus/config.ini`
 * ([fromFile]: section `[default]`, keys `base_url` (or `url`), `api_token`, `proxy`, `timeout`),
 * or quri-parts' older `~/.oqtopus` ([legacyFile]); [load] tries them in that order.
 *
 * The token is a [Secret]: `toString` shows only the URL, and the proxy only by its presence (a
 * proxy URL may hold a password).
 *
 * @property baseUrl the User API's root URL (paths such as `/jobs` hang off it)
 * @property apiToken the API token sent as `q-api-token`, or null
 * @property proxy the HTTP proxy URL, or null for a direct connection
 * @property timeout the time allowed for one API request (the Python client's 30 s default)
 */
public class OqtopusConfig private constructor(
    public val baseUrl: String,
    public val apiToken: Secret?,
    public val proxy: String?,
    public val timeout: Duration,
) {
    /** A copy with another [timeout]. */
    public fun withTimeout(value: Duration): OqtopusConfig {
        if (value.isZero || value.isNegative) throw ValidationException("timeout", value, "must be positive")
        return OqtopusConfig(baseUrl, apiToken, proxy, value)
    }

    override fun toString(): String =
        "OqtopusConfig(baseUrl=$baseUrl, apiToken=${if (apiToken == null) "none" else "****"}, proxy=${if (proxy == null) "none" else "set"}, timeout=$timeout)"

    public companion object {
        /** Environment variable holding the base URL. */
        public const val BASE_URL_ENV: String = "OQTOPUS_BASE_URL"

        /** The newer name of [BASE_URL_ENV] that oqtopus-client 1.3 reads first. */
        public const val URL_ENV: String = "OQTOPUS_URL"

        /** Environment variable holding the API token. */
        public const val API_TOKEN_ENV: String = "OQTOPUS_API_TOKEN"

        /** Environment variable holding the proxy URL. */
        public const val PROXY_ENV: String = "OQTOPUS_PROXY"

        /** The INI section read when none is named. */
        public const val DEFAULT_SECTION: String = "default"

        /** The Python client's request timeout. */
        @JvmField
        public val DEFAULT_TIMEOUT: Duration = Duration.ofSeconds(30)

        /**
         * Explicit values.
         *
         * @throws ValidationException when [baseUrl] is not an absolute http(s) URL
         */
        @JvmStatic
        @JvmOverloads
        public fun of(baseUrl: String, apiToken: Secret?, proxy: String? = null, timeout: Duration = DEFAULT_TIMEOUT): OqtopusConfig {
            val proxy = proxy?.takeIf { it.isNotBlank() }
            val v = io.qonduit.errors.Validator()
            v.check(isHttpUrl(baseUrl), "baseUrl", baseUrl, "must be an absolute http or https URL")
            proxy?.let { v.check(isHttpUrl(it), "proxy", "(hidden)", "must be an absolute http or https URL") }
            v.check(!timeout.isZero && !timeout.isNegative, "timeout", timeout, "must be positive")
            v.throwIfAny()
            return OqtopusConfig(baseUrl.trimEnd('/'), apiToken, proxy, timeout)
        }

        /**
         * From the environment [env] (the process environment by default): `OQTOPUS_URL`, else
         * `OQTOPUS_BASE_URL`; `OQTOPUS_API_TOKEN`; `OQTOPUS_PROXY`.
         *
         * @throws ValidationException when neither URL variable is set
         */
        @JvmStatic
        @JvmOverloads
        public fun fromEnv(env: Map<String, String> = System.getenv()): OqtopusConfig {
            val url = env[URL_ENV]?.takeIf { it.isNotBlank() } ?: env[BASE_URL_ENV]?.takeIf { it.isNotBlank() }
                ?: throw ValidationException(BASE_URL_ENV, null, "environment variable $URL_ENV or $BASE_URL_ENV is required")
            return of(url, env[API_TOKEN_ENV]?.takeIf { it.isNotBlank() }?.let(Secret::of), env[PROXY_ENV]?.takeIf { it.isNotBlank() })
        }

        /**
         * The default INI file: `$XDG_CONFIG_HOME/oqtopus/config.ini` when [env] sets `XDG_CONFIG_HOME`,
         * else `[home]/.config/oqtopus/config.ini`.
         */
        @JvmStatic
        @JvmOverloads
        public fun defaultFile(env: Map<String, String> = System.getenv(), home: String = System.getProperty("user.home")): Path =
            env["XDG_CONFIG_HOME"]?.takeIf { it.isNotBlank() }?.let { Paths.get(it, "oqtopus", "config.ini") }
                ?: Paths.get(home, ".config", "oqtopus", "config.ini")

        /**
         * From the INI file [path] (by default [defaultFile]), section [section].
         *
         * @throws ValidationException when the file or section is missing, or the section has no URL
         *   or a timeout that is not a positive number
         */
        @JvmStatic
        @JvmOverloads
        public fun fromFile(section: String = DEFAULT_SECTION, path: Path = defaultFile()): OqtopusConfig {
            if (!Files.isRegularFile(path)) throw ValidationException("path", path.toString(), "config file not found")
            val values = IniFile.read(path)[section]
                ?: throw ValidationException("section", section, "section not found in config file $path")
            val url = values["url"]?.takeIf { it.isNotBlank() } ?: values["base_url"]?.takeIf { it.isNotBlank() }
                ?: throw ValidationException("[$section].base_url", null, "section '$section' in $path must define base_url (or url)")
            val timeout = values["timeout"]?.let { text ->
                val seconds = text.toDoubleOrNull()?.takeIf { it > 0 && it.isFinite() }
                    ?: throw ValidationException("[$section].timeout", text, "must be a positive number of seconds")
                Duration.ofMillis((seconds * 1000).toLong().coerceAtLeast(1))
            } ?: DEFAULT_TIMEOUT
            return of(url, values["api_token"]?.takeIf { it.isNotBlank() }?.let(Secret::of), values["proxy"], timeout)
        }

        /**
         * The older quri-parts-oqtopus INI file, `[home]/.oqtopus` (same sections; keys `url`,
         * `api_token`, `proxy`), read by [load] when the default file is absent.
         */
        @JvmStatic
        @JvmOverloads
        public fun legacyFile(home: String = System.getProperty("user.home")): Path = Paths.get(home, ".oqtopus")

        /**
         * The environment when it names a URL, else the default INI file, else the [legacyFile]:
         * how Qonduit finds an OQTOPUS account without being told, as the Python clients do.
         *
         * @throws io.qonduit.config.ConfigurationException when none has one, naming every place looked
         * @throws ValidationException when the file found is invalid
         */
        @JvmStatic
        @JvmOverloads
        public fun load(env: Map<String, String> = System.getenv(), home: String = System.getProperty("user.home")): OqtopusConfig {
            if (!env[URL_ENV].isNullOrBlank() || !env[BASE_URL_ENV].isNullOrBlank()) return fromEnv(env)
            val files = listOf(defaultFile(env, home), legacyFile(home))
            val file = files.firstOrNull { Files.isRegularFile(it) }
            if (file == null) {
                val looked = listOf("environment variable $URL_ENV", "environment variable $BASE_URL_ENV") + files.map { "file $it" }
                throw configurationMissing("OQTOPUS", listOf("url" to looked), looked)
            }
            return fromFile(DEFAULT_SECTION, file)
        }

        private fun isHttpUrl(url: String): Boolean {
            val scheme = url.substringBefore("://", missingDelimiterValue = "").lowercase()
            return (scheme == "http" || scheme == "https") && url.substringAfter("://").substringBefore('/').isNotEmpty()
        }
    }
}
