package io.qonduit.job

/**
 * Results and errors together, whether from one run (a job's [Job.outputs]), all runs
 * ([Job.history]) or all children of a composite. Iterable, oldest first.
 */
public class JobOutputProxy(outputs: List<JobOutput>) : Iterable<JobOutput> {
    private val outputs: List<JobOutput> = outputs.toList()

    /** Number of outputs. */
    public val size: Int get() = outputs.size

    /** True when there is no output yet. */
    public fun isEmpty(): Boolean = outputs.isEmpty()

    /** Every output, oldest first. */
    public fun all(): List<JobOutput> = outputs

    /** The most recent output, or null. */
    public val latest: JobOutput? get() = outputs.lastOrNull()

    /** Only the successful outputs. */
    public fun results(): JobOutputProxy = JobOutputProxy(outputs.filterIsInstance<JobResult>())

    /** Only the failed outputs. */
    public fun errors(): JobOutputProxy = JobOutputProxy(outputs.filterIsInstance<JobError>())

    /** The successful outputs, typed. */
    public fun resultList(): List<JobResult> = outputs.filterIsInstance<JobResult>()

    /** The failed outputs, typed. */
    public fun errorList(): List<JobError> = outputs.filterIsInstance<JobError>()

    /**
     * Throws the first error as a [JobFailedException]; returns this proxy when there is none.
     */
    public fun raiseForError(): JobOutputProxy {
        outputs.firstNotNullOfOrNull { it as? JobError }?.let { throw it.toException() }
        return this
    }

    /** Every result item of the successful outputs, in order (errors skipped). */
    public fun items(): List<ResultItem> = resultList().flatMap { it.items }

    /**
     * Counts of [creg] for each result item, in order (errors skipped).
     *
     * @throws UnknownRegisterException when no item has [creg]
     */
    public fun counts(creg: String): List<Map<String, Long>> {
        val items = items()
        if (items.isNotEmpty() && items.none { creg in it.counts }) {
            throw UnknownRegisterException(creg, items.flatMap { it.counts.keys }.toSet())
        }
        return items.map { it.counts[creg].orEmpty() }
    }

    /**
     * One row per result item, one column per bitstring of [creg] seen in any item, zero-filled. Errors
     * are skipped (counted in [CountsTable.skippedErrors]); call [raiseForError] first for
     * all-or-nothing behaviour.
     *
     * @throws io.qonduit.errors.ValidationException when there is no result or the bitstring lengths differ
     * @throws UnknownRegisterException when no result has [creg]
     */
    @JvmOverloads
    public fun countsTable(creg: String, endianness: Endianness = Endianness.BIG): CountsTable =
        CountsTable.of(outputs, creg, endianness)

    /**
     * The counts table of [creg] keeping only bitstrings that match [pattern] (`'0'`, `'1'`, `'*'`),
     * written in [endianness] and exactly as long as the bitstrings: `like("1*", "c")` keeps the
     * columns whose most significant bit (`c[0]`) is 1.
     */
    @JvmOverloads
    public fun like(pattern: String, creg: String, endianness: Endianness = Endianness.BIG): CountsTable =
        countsTable(creg, endianness).filter(pattern)

    override fun iterator(): Iterator<JobOutput> = outputs.iterator()

    override fun toString(): String = "JobOutputProxy(${outputs.size} output(s): ${outputs.joinToString()})"
}
