package io.qonduit.oqc

import io.qonduit.errors.ValidationException
import io.qonduit.errors.Validator
import io.qonduit.job.PollCadence
import io.qonduit.transport.Secret
import io.qonduit.transport.TransportConfig

/**
 * Builds an [OqcSdk]. Give either a [token] or [credentials] (e-mail and password), not both — the
 * Python client rejects that too.
 *
 * ```
 * OqcSdk sdk = OqcSdk.builder("https://cloud.oqc.app")
 *     .token(Secret.of(System.getenv("OQC_AUTHENTICATION_TOKEN")))
 *     .defaultQpuId("qpu:uk:2:d865b5a184")
 *     .build();
 * ```
 */
public class OqcSdkBuilder internal constructor(private val url: String) {
    internal var token: Secret? = null
    internal var email: String? = null
    internal var password: Secret? = null
    internal var autoAuthenticate: Boolean = true
    internal var defaultQpuId: String? = null
    internal var transport: TransportConfig = OqcSdk.DEFAULT_TRANSPORT
    internal var pollCadence: PollCadence = PollCadence.OQC
    internal var noticeListener: OqcNoticeListener? = null

    /** Authenticates with this `Authentication-Token`. */
    public fun token(token: Secret): OqcSdkBuilder = apply { this.token = token }

    /** Authenticates by logging in with [email] and [password] (on [OqcSdk.open], or [OqcSdk.authenticate]). */
    public fun credentials(email: String, password: Secret): OqcSdkBuilder = apply {
        this.email = email
        this.password = password
    }

    /** Whether [OqcSdk.open] logs in when credentials were given (default true). */
    public fun autoAuthenticate(enabled: Boolean): OqcSdkBuilder = apply { autoAuthenticate = enabled }

    /** The QPU used when a call names none; default OQC's built-in [OqcSdk.BUILT_IN_DEFAULT_QPU]. */
    public fun defaultQpuId(qpuId: String?): OqcSdkBuilder = apply { defaultQpuId = qpuId }

    /** Timeouts, retries, engine and request log; default: OQC's retry statuses (408, 409, 429, 5xx). */
    public fun transport(config: TransportConfig): OqcSdkBuilder = apply { transport = config }

    /** Poll delays of jobs created by the SDK; default [PollCadence.OQC], OQC's back-off from 0.2 s doubling to 10 s. */
    public fun pollCadence(cadence: PollCadence): OqcSdkBuilder = apply { pollCadence = cadence }

    /** Receives the `message`/`messages` of replies (they are also kept in [OqcSdk.warnings] / [OqcSdk.infoMessages]). */
    public fun noticeListener(listener: OqcNoticeListener?): OqcSdkBuilder = apply { noticeListener = listener }

    /**
     * Checks the settings and builds the SDK (nothing is sent until [OqcSdk.open] or the first call).
     *
     * @throws ValidationException naming `url`, `token`/`email`, or `email` when malformed
     */
    public fun build(): OqcSdk {
        val v = Validator()
        val trimmed = url.trim().trimEnd('/')
        v.check(trimmed.startsWith("http://") || trimmed.startsWith("https://"), "url", url, "must be an http or https URL")
        if (token != null && (email != null || password != null)) {
            v.fail("token", "****", "give either an authentication token or email and password, not both")
        }
        email?.let { v.check(EMAIL.matches(it), "email", it, "must be a valid e-mail address") }
        defaultQpuId?.let { v.check(it.isNotBlank(), "defaultQpuId", it, "must not be blank") }
        v.throwIfAny()
        return OqcSdk(trimmed, this)
    }

    internal companion object {
        // RFC 5322 dot-atom local part and a hostname domain, the shape the Python client accepts.
        val EMAIL = Regex(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*" +
                "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
        )
    }
}
