package io.qonduit.transport

/**
 * A credential (API token, password). Its text never appears in `toString`, logs, snapshots or
 * exception messages; only the transport reads it, to build the auth header.
 */
public class Secret(private val value: String) {
    init {
        require(value.isNotBlank()) { "a credential must not be blank" }
    }

    internal fun reveal(): String = value

    override fun toString(): String = "Secret(****)"

    override fun equals(other: Any?): Boolean = other is Secret && other.value == value

    override fun hashCode(): Int = value.hashCode()

    public companion object {
        /** Wraps [value]. */
        @JvmStatic
        public fun of(value: String): Secret = Secret(value)

        /** Reads the environment variable [name], or null when unset or blank. */
        @JvmStatic
        public fun fromEnv(name: String): Secret? = System.getenv(name)?.takeIf { it.isNotBlank() }?.let { Secret(it) }
    }
}
