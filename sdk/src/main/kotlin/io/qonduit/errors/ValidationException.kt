package io.qonduit.errors

/**
 * One broken rule found before anything was sent.
 *
 * @property field path of the offending field, e.g. `inputs[0].values.barriers[1].heights[2]`
 * @property value the offending value as the caller gave it
 * @property limit the rule or limit it broke, e.g. `must be in 0.0..10.0 µs`
 */
public class Violation(
    public val field: String,
    public val value: Any?,
    public val limit: String,
) {
    override fun toString(): String = "$field = ${render(value)}: $limit"

    override fun equals(other: Any?): Boolean =
        other is Violation && other.field == field && other.value == value && other.limit == limit

    override fun hashCode(): Int = (field.hashCode() * 31 + (value?.hashCode() ?: 0)) * 31 + limit.hashCode()

    private fun render(v: Any?): String = when (v) {
        is String -> "\"$v\""
        is DoubleArray -> v.contentToString()
        is IntArray -> v.contentToString()
        else -> v.toString()
    }
}

/**
 * Input broke one or more limits. Lists every offending field, not just the first, so a user can fix
 * an experiment in one pass.
 */
public class ValidationException(
    /** Every violation found, in the order the fields were checked. Never empty. */
    public val violations: List<Violation>,
) : QonduitException(describe(violations)) {
    init {
        require(violations.isNotEmpty()) { "a ValidationException needs at least one violation" }
    }

    /** Java-friendly single-violation constructor. */
    public constructor(field: String, value: Any?, limit: String) : this(listOf(Violation(field, value, limit)))

    private companion object {
        fun describe(violations: List<Violation>): String =
            if (violations.size == 1) {
                "Invalid input: ${violations[0]}"
            } else {
                "Invalid input (${violations.size} problems):\n" + violations.joinToString("\n") { "  - $it" }
            }
    }
}

/**
 * Collects violations while checking an object, then throws them all at once.
 *
 * ```
 * val v = Validator()
 * v.check(shots in 1..100_000, "shots", shots, "must be in 1..100000")
 * v.throwIfAny()
 * ```
 */
public class Validator {
    private val found = mutableListOf<Violation>()

    /** Violations recorded so far. */
    public val violations: List<Violation> get() = found.toList()

    /** Records a violation of [limit] on [field] unless [ok]. */
    public fun check(ok: Boolean, field: String, value: Any?, limit: String) {
        if (!ok) found += Violation(field, value, limit)
    }

    /** Records a violation unconditionally. */
    public fun fail(field: String, value: Any?, limit: String) {
        found += Violation(field, value, limit)
    }

    /** Throws a [ValidationException] listing everything recorded, if anything was. */
    public fun throwIfAny() {
        if (found.isNotEmpty()) throw ValidationException(found.toList())
    }
}
