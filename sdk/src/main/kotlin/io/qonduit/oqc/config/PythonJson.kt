package io.qonduit.oqc.config

import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import java.math.BigDecimal
import java.math.MathContext
import java.math.RoundingMode

/**
 * Writes JSON exactly as Python's `json.dumps` does with its defaults: `", "` and `": "`
 * separators, non-ASCII and control characters escaped as lowercase `\uXXXX`. Byte equality with
 * configs written by the Python library depends on this.
 */
internal object PythonJson {
    fun write(element: JsonElement): String = StringBuilder().also { append(it, element) }.toString()

    private fun append(out: StringBuilder, element: JsonElement) {
        when (element) {
            is JsonNull -> out.append("null")
            is JsonPrimitive -> if (element.isString) quote(out, element.content) else out.append(element.content)
            is JsonObject -> {
                out.append('{')
                element.entries.forEachIndexed { i, (key, value) ->
                    if (i > 0) out.append(", ")
                    quote(out, key)
                    out.append(": ")
                    append(out, value)
                }
                out.append('}')
            }
            is JsonArray -> {
                out.append('[')
                element.forEachIndexed { i, value ->
                    if (i > 0) out.append(", ")
                    append(out, value)
                }
                out.append(']')
            }
        }
    }

    private fun quote(out: StringBuilder, s: String) {
        out.append('"')
        for (c in s) {
            when (c) {
                '"' -> out.append("\\\"")
                '\\' -> out.append("\\\\")
                '\n' -> out.append("\\n")
                '\r' -> out.append("\\r")
                '\t' -> out.append("\\t")
                '\b' -> out.append("\\b")
                '\u000C' -> out.append("\\f")
                // Python's ensure_ascii escapes everything outside printable ASCII (space..tilde).
                in ' '..'~' -> out.append(c)
                else -> out.append("\\u").append(String.format("%04x", c.code))
            }
        }
        out.append('"')
    }

    /**
     * Python's `repr(float)`: the shortest digits that read back as the same double, fixed notation
     * for decimal exponents -4..15 (always with a fractional part, `10.0`), else `1e-05` / `1e+16`.
     */
    fun floatRepr(value: Double): String {
        require(value.isFinite()) { "not a finite number: $value" }
        if (value == 0.0) return if (1.0 / value < 0) "-0.0" else "0.0"
        val shortest = shortestDigits(value).stripTrailingZeros()
        val digits = shortest.unscaledValue().abs().toString()
        val exponent = digits.length - 1 - shortest.scale()
        val sign = if (value < 0) "-" else ""
        val body = when {
            exponent < -4 || exponent >= 16 -> {
                val mantissa = if (digits.length == 1) digits else digits[0] + "." + digits.substring(1)
                val expSign = if (exponent < 0) "-" else "+"
                mantissa + "e" + expSign + Math.abs(exponent).toString().padStart(2, '0')
            }
            exponent < 0 -> "0." + "0".repeat(-exponent - 1) + digits
            digits.length <= exponent + 1 -> digits + "0".repeat(exponent + 1 - digits.length) + ".0"
            else -> digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1)
        }
        return sign + body
    }

    // Rounds the exact binary value to 1, 2, … significant digits until it reads back unchanged;
    // FLOOR/CEILING cover the asymmetric rounding interval next to powers of two.
    private fun shortestDigits(value: Double): BigDecimal {
        val exact = BigDecimal(value)
        for (precision in 1..17) {
            for (mode in ROUNDING_MODES) {
                val candidate = exact.round(MathContext(precision, mode))
                if (candidate.toDouble() == value) return candidate
            }
        }
        return exact
    }

    private val ROUNDING_MODES = listOf(RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING)
}
