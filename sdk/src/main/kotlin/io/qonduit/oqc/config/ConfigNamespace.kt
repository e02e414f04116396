package io.qonduit.oqc.config

/**
 * The Python module named in every `$type` of a serialised config. The current library writes
 * `compiler_config.config`; servers still return `scc.compiler.config`, and the oldest payloads use
 * `qat.purr.compiler.config`. All three are accepted when parsing, and a parsed config keeps its
 * namespace so it serialises back to the same text.
 */
public enum class ConfigNamespace(
    /** The module path as written inside `<class '…'>`. */
    public val modulePath: String,
) {
    /** `compiler_config.config`, what the current Python library writes. */
    COMPILER_CONFIG("compiler_config.config"),

    /** `scc.compiler.config`, the legacy name still seen in server metadata. */
    SCC("scc.compiler.config"),

    /** `qat.purr.compiler.config`, the oldest legacy name. */
    QAT_PURR("qat.purr.compiler.config"),
    ;

    internal fun classType(name: String): String = "<class '$modulePath.$name'>"

    internal fun enumType(name: String): String = "<enum '$modulePath.$name'>"
}
