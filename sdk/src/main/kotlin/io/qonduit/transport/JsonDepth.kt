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
     * [ResponseDecodeException.MAX_JSON_DEPTH].
     */
    fun check(text: String, provider: String, field: String) {
        if (exceeds(text)) throw ResponseDecodeException(provider, null, field, "nests deeper than ${ResponseDecodeException.MAX_JSON_DEPTH} levels")
    }

    /** Whether [text] nests arrays and objects deeper than [limit] levels. Brackets inside strings do not count. */
    fun exceeds(text: String, limit: Int = ResponseDecodeException.MAX_JSON_DEPTH): Boolean {
        var depth = 0
        var inString = false
        var escaped = false
        for (c in text) {
            when {
                escaped -> escaped = false
                inString -> if (c == '\\') escaped = true else if (c == '"') inString = false
                c == '"' -> inString = true
                c == '[' || c == '{' -> if (++depth > limit) return true
                c == ']' || c == '}' -> depth--
            }
        }
        return false
    }
}
