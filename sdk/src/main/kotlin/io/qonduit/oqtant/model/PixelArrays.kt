package io.qonduit.oqtant.model

import ch.randelshofer.fastdoubleparser.JsonDoubleParser

/**
 * The fast path of [OqtantJson.decodeJob]. A result's images are nearly all of its bytes (a real
 * in-trap result: 74 444 pixels, 1.49 of its 1.53 MB), and kotlinx.serialization reads each number
 * through a String and `String.toDouble`, about 0.7 µs a pixel. So before the document is decoded,
 * every `"pixels": [numbers]` member (outside strings) is parsed here by fastdoubleparser's
 * JSON-syntax parser (correctly rounded, the same doubles as `String.toDouble`) and replaced by the
 * compact `"pixels_f64le"` form that [ImageSerializer] already reads; the rest of the document still
 * goes through the one decoder. An array holding anything but numbers (`null`, a string, …) is left
 * as it is, for the decoder to read or refuse as before.
 */
internal object PixelArrays {
    private const val KEY = "pixels"

    /** [json] with its numeric `pixels` arrays packed; [json] itself when it has none. */
    fun packed(json: String): String {
        var out: StringBuilder? = null
        var copied = 0
        var i = 0
        while (i < json.length) {
            if (json[i] != '"') {
                i++
                continue
            }
            val end = PydanticNumbers.endOfString(json, i)
            if (end - i == KEY.length + 2 && json.startsWith(KEY, i + 1)) {
                val colon = skipSpace(json, end)
                val parsed = if (colon < json.length && json[colon] == ':') numbers(json, skipSpace(json, colon + 1)) else null
                if (parsed != null) {
                    val builder = out ?: StringBuilder(json.length).also { out = it }
                    builder.append(json, copied, i).append("\"pixels_f64le\":\"").append(ImageSerializer.pack(parsed.values)).append('"')
                    copied = parsed.end
                    i = parsed.end
                    continue
                }
            }
            i = end
        }
        return out?.append(json, copied, json.length)?.toString() ?: json
    }

    private class Parsed(val values: DoubleArray, val end: Int)

    /** The array of numbers starting at [start] and the index after its `]`, or null when it is not one. */
    private fun numbers(json: String, start: Int): Parsed? {
        if (start >= json.length || json[start] != '[') return null
        var values = DoubleArray(INITIAL_CAPACITY)
        var count = 0
        var i = skipSpace(json, start + 1)
        if (i < json.length && json[i] == ']') return Parsed(DoubleArray(0), i + 1)
        while (i < json.length) {
            val tokenEnd = numberEnd(json, i)
            if (tokenEnd == i) return null
            val value = try {
                JsonDoubleParser.parseDouble(json, i, tokenEnd - i)
            } catch (e: NumberFormatException) {
                return null
            }
            if (count == values.size) values = values.copyOf(values.size * 2)
            values[count++] = value
            i = skipSpace(json, tokenEnd)
            if (i >= json.length) return null
            when (json[i]) {
                ']' -> return Parsed(values.copyOf(count), i + 1)
                ',' -> i = skipSpace(json, i + 1)
                else -> return null
            }
        }
        return null
    }

    private fun numberEnd(json: String, start: Int): Int {
        var i = start
        while (i < json.length && json[i].let { it in '0'..'9' || it == '-' || it == '+' || it == '.' || it == 'e' || it == 'E' }) i++
        return i
    }

    private fun skipSpace(json: String, start: Int): Int {
        var i = start
        while (i < json.length && json[i].let { it == ' ' || it == '\n' || it == '\r' || it == '\t' }) i++
        return i
    }

    private const val INITIAL_CAPACITY = 1024
}
