package io.qonduit.transport

import io.qonduit.errors.ResponseDecodeException

/**
 * Measures how deeply a JSON text nests arrays and objects without parsing it. Everything that
 * walks a JSON tree (`toString`, `equals`, typed decoding) recurses once per level, so a reply
 * nested thousands deep is refused here, before any of that runs.
 */
internal object JsonDepth {
    /**
     * Throws a [ResponseDecodeException] for [provider] naming [field] when [text] nests deeper than
     * [ResponseDecodeException.MAX_JSON_DEPTH]. Brackets inside strings do not count.
     */
    fun check(text: String, provider: String, field: String) {
        var depth = 0
        var inString = false
        var escaped = false
        for (c in text) {
            when {
                escaped -> escaped = false
                inString -> if (c == '\\') escaped = true else if (c == '"') inString = false
                c == '"' -> inString = true
                c == '[' || c == '{' -> if (++depth > ResponseDecodeException.MAX_JSON_DEPTH) {
                    throw ResponseDecodeException(provider, null, field, "nests deeper than ${ResponseDecodeException.MAX_JSON_DEPTH} levels")
                }
                c == ']' || c == '}' -> depth--
            }
        }
    }
}
