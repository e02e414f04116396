package io.qonduit.job

/**
 * Results and errors together, whether from one run (a job's [Job.outputs]), all runs
 * ([Job.history]) or all children of a composite. Iterable, oldest first.
 */
public class JobOutputProxy(items: List<JobOutput>) : Iterable<JobOutput> {
    private val items: List<JobOutput> = items.toList()

    /** Number of outputs. */
    public val size: Int get() = items.size

    /** True when there is no output yet. */
    public fun isEmpty(): Boolean = items.isEmpty()

    /** Every output, oldest first. */
    public fun all(): List<JobOutput> = items

    /** The most recent output, or null. */
    public val latest: JobOutput? get() = items.lastOrNull()

    /** Only the successful outputs. */
    public fun results(): JobOutputProxy = JobOutputProxy(items.filterIsInstance<JobResult>())

    /** Only the failed outputs. */
    public fun errors(): JobOutputProxy = JobOutputProxy(items.filterIsInstance<JobError>())

    /** The successful outputs, typed. */
    public fun resultList(): List<JobResult> = items.filterIsInstance<JobResult>()

    /** The failed outputs, typed. */
    public fun errorList(): List<JobError> = items.filterIsInstance<JobError>()

    /**
     * Throws the first error as a [JobFailedException]; returns this proxy when there is none.
     */
    public fun raiseForError(): JobOutputProxy {
        items.firstNotNullOfOrNull { it as? JobError }?.let { throw it.toException() }
        return this
    }

    /** Counts of [creg] for each result (errors skipped). */
    public fun counts(creg: String): List<Map<String, Int>> {
        val results = resultList()
        if (results.isNotEmpty() && results.none { creg in it.counts }) {
            throw UnknownRegisterException(creg, results.flatMap { it.counts.keys }.toSet())
        }
        return results.map { it.counts[creg].orEmpty() }
    }

    /**
     * One row per result, one column per bitstring of [creg] seen in any result, zero-filled. Errors
     * are skipped (counted in [CountsTable.skippedErrors]); call [raiseForError] first for
     * all-or-nothing behaviour.
     *
     * @throws io.qonduit.errors.ValidationException when there is no result or the bitstring lengths differ
     * @throws UnknownRegisterException when no result has [creg]
     */
    @JvmOverloads
    public fun countsTable(creg: String, endianness: Endianness = Endianness.BIG): CountsTable =
        CountsTable.of(items, creg, endianness)

    /**
     * The counts table of [creg] keeping only bitstrings that match [pattern] (`'0'`, `'1'`, `'*'`),
     * written in [endianness] and exactly as long as the bitstrings: `like("1*", "c")` keeps the
     * columns whose most significant bit (`c[0]`) is 1.
     */
    @JvmOverloads
    public fun like(pattern: String, creg: String, endianness: Endianness = Endianness.BIG): CountsTable =
        countsTable(creg, endianness).filter(pattern)

    override fun iterator(): Iterator<JobOutput> = items.iterator()

    override fun toString(): String = "JobOutputProxy(${items.size} output(s): ${items.joinToString()})"
}
