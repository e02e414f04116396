package io.qonduit.errors

/**
 * A URL the transport will not send to: plain `http://` to a host that is not loopback (without
 * [io.qonduit.transport.TransportConfig.Builder.allowInsecureHttp]), a scheme other than http and
 * https, or a URL a server advertised whose scheme differs from the base URL's. Raised before any
 * connection is opened (before DNS), so nothing, least of all a credential, has left the machine.
 * The message names the scheme and host, never a path, query string or credential.
 */
public class InsecureUrlException internal constructor(
    /** The refused URL's scheme, e.g. `http` or `ftp`. */
    public val scheme: String,
    /** The refused URL's host. */
    public val host: String,
    message: String,
) : QonduitException(message)
