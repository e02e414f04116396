package io.qonduit.jupyter

/** Text made safe for HTML and SVG element content and attribute values. */
internal fun escape(text: String): String = buildString(text.length) {
    for (c in text) {
        when (c) {
            '&' -> append("&amp;")
            '<' -> append("&lt;")
            '>' -> append("&gt;")
            '"' -> append("&quot;")
            '\'' -> append("&#39;")
            else -> append(c)
        }
    }
}

/** A number as a short label: integers without a fraction, others with at most three significant decimals. */
internal fun label(value: Double): String =
    if (value == Math.rint(value) && kotlin.math.abs(value) < 1e15) value.toLong().toString()
    else "%.3g".format(java.util.Locale.ROOT, value)
