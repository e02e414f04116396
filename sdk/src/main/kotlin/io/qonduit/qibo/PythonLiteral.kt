package io.qonduit.qibo

/**
 * Reads the Python literal of a `.npy` header: a dict of strings, booleans, integers, tuples and
 * lists (`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`). Nothing is evaluated.
 */
internal class PythonLiteral private constructor(private val text: String) {
    private var pos = 0

    private fun fail(what: String): Nothing = throw NpyFormatException("header: $what at offset $pos")

    private fun skipSpace() {
        while (pos < text.length && text[pos].isWhitespace()) pos++
    }

    private fun value(depth: Int): Any? {
        if (depth > MAX_DEPTH) fail("nesting deeper than $MAX_DEPTH")
        skipSpace()
        if (pos >= text.length) fail("unexpected end")
        return when (val c = text[pos]) {
            '{' -> dict(depth)
            '(' -> sequence(')', depth)
            '[' -> sequence(']', depth)
            '\'', '"' -> string(c)
            else -> word()
        }
    }

    private fun dict(depth: Int): Map<Any?, Any?> {
        pos++
        val out = LinkedHashMap<Any?, Any?>()
        while (true) {
            skipSpace()
            if (pos < text.length && text[pos] == '}') { pos++; return out }
            val key = value(depth + 1)
            skipSpace()
            if (pos >= text.length || text[pos] != ':') fail("':' expected")
            pos++
            out[key] = value(depth + 1)
            skipSpace()
            if (pos < text.length && text[pos] == ',') pos++ else if (pos >= text.length || text[pos] != '}') fail("',' or '}' expected")
        }
    }

    private fun sequence(close: Char, depth: Int): List<Any?> {
        pos++
        val out = ArrayList<Any?>()
        while (true) {
            skipSpace()
            if (pos < text.length && text[pos] == close) { pos++; return out }
            out += value(depth + 1)
            skipSpace()
            if (pos < text.length && text[pos] == ',') pos++ else if (pos >= text.length || text[pos] != close) fail("',' or '$close' expected")
        }
    }

    private fun string(quote: Char): String {
        pos++
        val sb = StringBuilder()
        while (pos < text.length && text[pos] != quote) {
            if (text[pos] == '\\') fail("escapes are not read")
            sb.append(text[pos++])
        }
        if (pos >= text.length) fail("unterminated string")
        pos++
        return sb.toString()
    }

    private fun word(): Any? {
        val start = pos
        while (pos < text.length && (text[pos].isLetterOrDigit() || text[pos] == '-' || text[pos] == '_')) pos++
        return when (val w = text.substring(start, pos)) {
            "True" -> true
            "False" -> false
            "None" -> null
            else -> w.removeSuffix("L").toLongOrNull() ?: fail(if (w.isEmpty()) "unexpected '${text[start]}'" else "unexpected '$w'")
        }
    }

    companion object {
        private const val MAX_DEPTH = 16

        fun parse(text: String): Any? {
            val p = PythonLiteral(text)
            val v = p.value(0)
            p.skipSpace()
            if (p.pos != text.length) p.fail("trailing text")
            return v
        }
    }
}
