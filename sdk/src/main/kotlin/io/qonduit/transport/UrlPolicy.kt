package io.qonduit.transport

import io.ktor.http.Url
import io.qonduit.errors.InsecureUrlException

/**
 * Where the transport may send requests, decided on the URL's text alone (no DNS lookup, no
 * connection): https anywhere; plain http only to loopback (`localhost`, 127.0.0.0/8, `::1`) unless
 * the caller opted in; nothing else. A URL a server advertised (OQC's QPU URLs, OQTOPUS storage
 * links) must moreover keep the base URL's scheme, so an https account is never downgraded by a reply.
 */
internal object UrlPolicy {
    private val SCHEME = Regex("^([A-Za-z][A-Za-z0-9+.-]*)://")
    private val IPV4_LOOPBACK = Regex("""^127(\.\d{1,3}){3}$""")

    /** The scheme of an absolute [url] (lowercase), or null when [url] has none (a path). */
    fun schemeOf(url: String): String? = SCHEME.find(url)?.groupValues?.get(1)?.lowercase()

    /**
     * Throws an [InsecureUrlException] unless [url] is https, or http to loopback, or http with
     * [allowInsecureHttp]. Returns [url].
     */
    fun checkTarget(url: String, allowInsecureHttp: Boolean): String {
        val scheme = schemeOf(url).orEmpty()
        val host = hostOf(url)
        when {
            scheme == "https" -> Unit
            scheme == "http" && (isLoopback(host) || allowInsecureHttp) -> Unit
            scheme == "http" -> throw InsecureUrlException(
                scheme, host,
                "plain http:// to $host is refused: credentials and data would cross the network unencrypted; " +
                    "use https://, or opt in with TransportConfig.builder().allowInsecureHttp(true)",
            )
            else -> throw InsecureUrlException(scheme, host, "a $scheme:// URL (host $host) is refused: only http and https are sent to")
        }
        return url
    }

    /**
     * Throws an [InsecureUrlException] unless [url], which a server advertised, has the scheme of
     * [baseUrl] and passes [checkTarget]. [what] names the URL in the message, e.g. `QPU URL`.
     */
    fun checkAdvertised(baseUrl: String, url: String, what: String, allowInsecureHttp: Boolean): String {
        val expected = schemeOf(baseUrl)
        val scheme = schemeOf(url).orEmpty()
        if (scheme != expected) {
            throw InsecureUrlException(
                scheme, hostOf(url),
                "the server advertised a ${scheme.ifEmpty { "scheme-less" }} $what (host ${hostOf(url)}); " +
                    "only $expected:// URLs, the scheme of $baseUrl, are sent to",
            )
        }
        return checkTarget(url, allowInsecureHttp)
    }

    /** `localhost`, 127.0.0.0/8 and `::1` (with or without brackets): never leaves the machine. */
    fun isLoopback(host: String): Boolean {
        val h = host.lowercase().removePrefix("[").removeSuffix("]")
        return h == "localhost" || IPV4_LOOPBACK.matches(h) || h == "::1" || h == "0:0:0:0:0:0:0:1"
    }

    /** The host of [url] as written (parsing text only); empty when there is none. */
    private fun hostOf(url: String): String = runCatching { Url(url).host }.getOrDefault("").ifEmpty { "(none)" }
}
