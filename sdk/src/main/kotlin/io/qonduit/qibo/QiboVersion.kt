package io.qonduit.qibo

/**
 * A version compared as qibo-client compares them (`packaging.version.Version`, PEP 440): release
 * numbers (trailing zeros ignored, `0.2` = `0.2.0`), then pre-releases before the release
 * (`0.1.2a` = `0.1.2a0` < `0.1.2b1` < `0.1.2rc1` < `0.1.2`), post-releases after it, dev releases
 * before everything else of their release. Local labels (`+cpu`) are ignored; an epoch (`1!`) is read.
 */
internal class QiboVersion private constructor(
    private val text: String,
    private val epoch: Long,
    private val release: List<Long>,
    private val pre: Pair<Int, Long>?,
    private val post: Long?,
    private val dev: Long?,
) : Comparable<QiboVersion> {
    override fun compareTo(other: QiboVersion): Int {
        epoch.compareTo(other.epoch).let { if (it != 0) return it }
        val n = maxOf(release.size, other.release.size)
        for (i in 0 until n) {
            release.getOrElse(i) { 0 }.compareTo(other.release.getOrElse(i) { 0 }).let { if (it != 0) return it }
        }
        preKey().compareTo(other.preKey()).let { if (it != 0) return it }
        (post ?: -1).compareTo(other.post ?: -1).let { if (it != 0) return it }
        return (dev ?: Long.MAX_VALUE).compareTo(other.dev ?: Long.MAX_VALUE)
    }

    /** A dev release without pre or post sorts before the release's pre-releases; no pre sorts after them. */
    private fun preKey(): Pair<Int, Long> = when {
        pre != null -> pre
        dev != null && post == null -> -1 to 0L
        else -> Int.MAX_VALUE to 0L
    }

    private operator fun Pair<Int, Long>.compareTo(other: Pair<Int, Long>): Int =
        first.compareTo(other.first).takeIf { it != 0 } ?: second.compareTo(other.second)

    override fun equals(other: Any?): Boolean = other is QiboVersion && compareTo(other) == 0

    override fun hashCode(): Int = release.dropLastWhile { it == 0L }.hashCode()

    override fun toString(): String = text

    companion object {
        private val PATTERN = Regex(
            """v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?""",
            RegexOption.IGNORE_CASE,
        )

        /** Parses [text]; null when it is not a PEP 440 version. */
        fun parse(text: String): QiboVersion? {
            val m = PATTERN.matchEntire(text.trim()) ?: return null
            val g = m.groupValues
            val pre = g[3].takeIf { it.isNotEmpty() }?.let { label ->
                val rank = when (label.lowercase()) { "a", "alpha" -> 0; "b", "beta" -> 1; else -> 2 }
                rank to (g[4].toLongOrNull() ?: 0L)
            }
            val post = when {
                g[5].isNotEmpty() -> g[5].toLong()
                g[6].isNotEmpty() -> g[7].toLongOrNull() ?: 0L
                else -> null
            }
            val dev = if (g[8].isNotEmpty()) g[9].toLongOrNull() ?: 0L else null
            return QiboVersion(text.trim(), g[1].toLongOrNull() ?: 0L, g[2].split('.').map { it.toLong() }, pre, post, dev)
        }
    }
}
