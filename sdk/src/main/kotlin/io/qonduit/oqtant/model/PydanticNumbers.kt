package io.qonduit.oqtant.model

import java.math.BigDecimal
import java.math.MathContext
import java.math.RoundingMode

/**
 * Floats spelled as pydantic's `model_dump_json` spells them, so that a job file Qonduit writes is
 * byte-identical to the one the Python client writes (`write_job_to_file` is `model_dump_json()`,
 * not `json.dump`).
 *
 * pydantic-core formats a float with the shortest digits that read back as the same double (as
 * Python's `repr`) and picks the layout by the decimal exponent `e` of the first digit:
 * `-5 <= e < 16` is plain (`0.00001`, `1000000000000000.0`, an integral value keeps `.0`); anything
 * else is `d.ddde-7` / `d.ddde+16`. The `+` is what pydantic-core 2.50.5 (pydantic 2.14.4, what
 * `pip install oqtant==3.3.4` resolves today) writes; pydantic-core 2.27.1 (pydantic 2.10.3) wrote
 * `1e16`. No job field and no service image reaches 1e16, so files of either era round-trip.
 * Non-finite values are written `null`, as pydantic does by default (`ser_json_inf_nan='null'`).
 *
 * Java 17's `Double.toString` is not always shortest (about 3 % of random doubles get a 17th
 * digit), so the digits come from the exact binary value instead; its digit count is only the
 * starting point of the search.
 */
internal object PydanticNumbers {
    /** [value] as pydantic-core writes a float. */
    fun spell(value: Double): String {
        if (!value.isFinite()) return "null"
        if (value == 0.0) return if (1.0 / value < 0) "-0.0" else "0.0"
        val shortest = shortestDecimal(Math.abs(value))
        val digits = shortest.unscaledValue().toString().trimEnd('0').ifEmpty { "0" }
        val exponent = shortest.precision() - shortest.scale() - 1 // decimal exponent of the first digit
        val sign = if (value < 0) "-" else ""
        return sign + layout(digits, exponent)
    }

    private fun layout(digits: String, exponent: Int): String = when {
        exponent in 0 until PLAIN_MAX -> {
            val whole = exponent + 1
            if (digits.length <= whole) digits + "0".repeat(whole - digits.length) + ".0"
            else digits.substring(0, whole) + "." + digits.substring(whole)
        }
        exponent in PLAIN_MIN until 0 -> "0." + "0".repeat(-exponent - 1) + digits
        else -> {
            val mantissa = if (digits.length == 1) digits else digits[0] + "." + digits.substring(1)
            mantissa + "e" + (if (exponent > 0) "+" else "-") + Math.abs(exponent)
        }
    }

    /**
     * The shortest decimal that reads back as [positive], the closer one when two of that length do.
     * Whether some `p`-digit decimal reads back is monotone in `p`, and when one does, the `p`-digit
     * neighbours of the exact value (rounded down or up) include one that does.
     */
    private fun shortestDecimal(positive: Double): BigDecimal {
        val exact = BigDecimal(positive)
        var best = candidate(exact, significantDigits(positive.toString()), positive)
            ?: error("Double.toString($positive) does not read back") // it always does
        var p = best.precision() - 1
        while (p >= 1) {
            best = candidate(exact, p, positive) ?: break
            p = best.precision() - 1
        }
        return best
    }

    /** The closest `p`-digit decimal to [exact] that reads back as [value], or null. */
    private fun candidate(exact: BigDecimal, p: Int, value: Double): BigDecimal? {
        val nearest = exact.round(MathContext(p, RoundingMode.HALF_EVEN))
        if (nearest.toDouble() == value) return nearest.stripTrailingZeros()
        val down = exact.round(MathContext(p, RoundingMode.DOWN))
        val other = if (down.compareTo(nearest) == 0) exact.round(MathContext(p, RoundingMode.UP)) else down
        return if (other.toDouble() == value) other.stripTrailingZeros() else null
    }

    private fun significantDigits(javaSpelling: String): Int =
        javaSpelling.substringBefore('E').filter { it.isDigit() }.trimStart('0').trimEnd('0').length.coerceAtLeast(1)

    /**
     * [json] with every number that has a fraction or an exponent (a float; integers are left alone)
     * re-spelled by [spell], and `NaN`/`Infinity`/`-Infinity` written as `null`. Strings are skipped.
     * kotlinx.serialization writes doubles with Java's `Double.toString`, which always reads back as
     * the same double, so nothing is lost.
     */
    fun respell(json: String): String {
        val out = StringBuilder(json.length)
        var i = 0
        while (i < json.length) {
            val c = json[i]
            when {
                c == '"' -> {
                    val end = endOfString(json, i)
                    out.append(json, i, end)
                    i = end
                }
                NON_FINITE.any { json.startsWith(it, i) } -> {
                    val token = NON_FINITE.first { json.startsWith(it, i) }
                    out.append("null")
                    i += token.length
                }
                c == '-' || c in '0'..'9' -> {
                    var end = i + 1
                    while (end < json.length && json[end].let { it in '0'..'9' || it in ".eE+-" }) end++
                    val token = json.substring(i, end)
                    out.append(if (token.any { it in ".eE" }) spell(token.toDouble()) else token)
                    i = end
                }
                else -> {
                    out.append(c)
                    i++
                }
            }
        }
        return out.toString()
    }

    /** Index just past the string literal opening at [start] (also used by [PixelArrays]). */
    internal fun endOfString(json: String, start: Int): Int {
        var i = start + 1
        while (i < json.length) {
            when (json[i]) {
                '\\' -> i += 2
                '"' -> return i + 1
                else -> i++
            }
        }
        return json.length
    }

    /** How kotlinx.serialization spells non-finite doubles when it is allowed to write them. */
    private val NON_FINITE = listOf("NaN", "-Infinity", "Infinity")
    private const val PLAIN_MIN = -5
    private const val PLAIN_MAX = 16
}
