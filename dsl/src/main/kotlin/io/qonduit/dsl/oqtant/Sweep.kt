package io.qonduit.dsl.oqtant

import io.qonduit.oqtant.OqtantProgram
import io.qonduit.errors.ValidationException
import io.qonduit.errors.Violation
import io.qonduit.job.CompositeJob
import io.qonduit.job.JobState
import io.qonduit.oqtant.OqtantClient
import io.qonduit.oqtant.model.Input
import io.qonduit.oqtant.model.OqtantJob

import io.qonduit.oqtant.model.OqtantValidation
import io.qonduit.oqtant.oqtantOutputs
import io.qonduit.oqtant.model.Output
import java.util.function.BiFunction
import java.util.function.Function

/**
 * One experiment per value of a swept parameter, with the value kept beside it so results can be paired
 * back with what produced them. Build with [sweep] (Kotlin) or [Sweep.of] / [Sweep.product] (Java).
 *
 * Submit it either as ONE multi-run job ([toJob]: value `i` is run `i + 1`, at most 30 runs; pair the runs
 * back with [pairRuns]) or as a list of single-run jobs ([toJobs], or [toCompositeJob] to run them as one
 * Qonduit [CompositeJob]: value `i` is job `i`; pair the results back with [pairResults]).
 *
 * @param T the type of the swept value, e.g. `Kilohertz` or `Paired<Kilohertz, Milliseconds>`
 * @property points the experiments in sweep order
 */
public class Sweep<T> internal constructor(public val points: List<SweepPoint<T>>) {
    /** The swept values in order. */
    public val values: List<T> get() = points.map { it.value }

    /** Number of points. */
    public val size: Int get() = points.size

    /**
     * One job named [name] with one run per point, numbered 1..n in sweep order, each carrying its
     * experiment's note.
     *
     * @throws ValidationException listing every problem of every run, and the 30-run limit when exceeded
     */
    public fun toJob(name: String): OqtantJob {
        val job = OqtantJob(name, points.map { it.matter.uncheckedInput(it.run) })
        val problems = points.flatMap { p -> p.matter.dslViolations().under("inputs[${p.index}]") } +
            OqtantValidation.violations(job)
        if (problems.isNotEmpty()) throw ValidationException(problems)
        return job
    }

    /**
     * One single-run job per point, in sweep order, each named after its experiment.
     *
     * @throws ValidationException listing every problem of every job (paths start with `jobs[i]`)
     */
    public fun toJobs(): List<OqtantJob> {
        val problems = points.flatMap { p -> p.matter.violations().under("jobs[${p.index}]") }
        if (problems.isNotEmpty()) throw ValidationException(problems)
        return points.map { it.matter.toJob() }
    }

    /**
     * The jobs of [toJobs] as one Qonduit [CompositeJob] on [client]'s Oqtant backend, not yet submitted:
     * job `i` runs point `i`. Any number of points works (the 30-run limit is per job); run it with
     * `execute`, then read the results with [pairResults].
     *
     * ```
     * val composite = heights.toCompositeJob(oqtant)
     * composite.execute(5.minutes)
     * heights.pairResults(composite).forEach { (height, output) -> println("$height: $output") }
     * ```
     *
     * @throws ValidationException listing every problem of every job, as [toJobs]
     */
    public fun toCompositeJob(client: OqtantClient): CompositeJob = client.createJobs(toJobs())

    /**
     * Pairs each swept value with the output of the job at the same position of [composite] (made by
     * [toCompositeJob]), in sweep order. Jobs that did not complete (yet) are left out, so a partly failed
     * sweep still yields the values that worked.
     *
     * @throws ValidationException if [composite] does not hold one job per point, or a job does not run
     *   this sweep's experiment at its position (e.g. a composite of another sweep)
     */
    public fun pairResults(composite: CompositeJob): List<Paired<T, Output>> {
        val jobs = composite.jobs
        if (jobs.size != points.size) {
            throw ValidationException("composite.jobs", jobs.size, "must hold one job per sweep point (${points.size})")
        }
        val problems = mutableListOf<Violation>()
        val pairs = points.zip(jobs).mapNotNull { (point, job) ->
            val submitted = (job.programs.singleOrNull() as? OqtantProgram)?.job?.inputs?.map { it.values }
            if (submitted != listOf(point.matter.toInputValues())) {
                problems += Violation("composite.jobs[${point.index}]", job.programs.toString().take(80), "must run the experiment of sweep point ${point.index} (${point.value})")
                null
            } else if (job.state != JobState.COMPLETED) {
                null
            } else {
                job.result?.oqtantOutputs()?.singleOrNull()?.let { Paired(point.value, it) }
            }
        }
        if (problems.isNotEmpty()) throw ValidationException(problems)
        return pairs
    }

    /**
     * Pairs each swept value with the output at the same position of [outputs] (one per point, in sweep
     * order, e.g. the results of the jobs of [toJobs]).
     *
     * @throws ValidationException if [outputs] does not hold exactly one entry per point
     */
    public fun <R> pair(outputs: List<R>): List<Paired<T, R>> {
        if (outputs.size != points.size) {
            throw ValidationException("outputs", outputs.size, "must hold one entry per sweep point (${points.size})")
        }
        return values.zip(outputs) { value, output -> Paired(value, output) }
    }

    /**
     * Pairs the outputs of a multi-run job's runs (from [toJob]) with their swept values, by run number,
     * in run order. Runs without an output yet are left out.
     *
     * @throws ValidationException if an input has no run number or one outside 1..[size]
     */
    public fun pairRuns(inputs: List<Input>): List<Paired<T, Output>> {
        val problems = mutableListOf<Violation>()
        val pairs = inputs.mapIndexedNotNull { i, input ->
            val run = input.run
            val output = input.output
            when {
                run == null || run !in 1..points.size -> {
                    problems += Violation("inputs[$i].run", run, "must be a run of this sweep (1..${points.size})")
                    null
                }
                output == null -> null
                else -> run to Paired(points[run - 1].value, output)
            }
        }
        if (problems.isNotEmpty()) throw ValidationException(problems)
        return pairs.sortedBy { it.first }.map { it.second }
    }

    override fun toString(): String = "Sweep(values=$values)"

    /** Factories for Java. */
    public companion object {
        /** One experiment per entry of [values], built by [build]. */
        @JvmStatic
        public fun <T> of(values: List<T>, build: Function<in T, QuantumMatter>): Sweep<T> = sweep(values) { build.apply(it) }

        /**
         * One experiment per combination of [first] and [second] (the Cartesian product, [first] varying
         * slowest), built by [build].
         */
        @JvmStatic
        public fun <A, B> product(first: List<A>, second: List<B>, build: BiFunction<in A, in B, QuantumMatter>): Sweep<Paired<A, B>> =
            sweep(first, second) { a, b -> build.apply(a, b) }
    }
}

/**
 * One point of a [Sweep].
 *
 * @property value the swept value
 * @property index 0-based position in the sweep: the job index in [Sweep.toJobs]
 * @property matter the experiment built for [value]
 */
public data class SweepPoint<out T>(
    public val value: T,
    public val index: Int,
    public val matter: QuantumMatter,
) {
    /** The run number of this point in the multi-run job of [Sweep.toJob] (`index + 1`). */
    public val run: Int get() = index + 1
}

/**
 * Varies one parameter: one experiment per entry of [values].
 *
 * ```
 * val heights = sweep(listOf(10.kHz, 20.kHz, 30.kHz)) { h ->
 *     quantumMatter("barrier $h") { barrier { at(0.ms) { height = h }; evolve(5.ms) } }
 * }
 * val job = heights.toJob("height sweep")
 * ```
 */
public fun <T> sweep(values: List<T>, build: (T) -> QuantumMatter): Sweep<T> =
    Sweep(values.mapIndexed { i, v -> SweepPoint(v, i, build(v)) })

/**
 * Varies two parameters together: one experiment per combination of [first] and [second] (the Cartesian
 * product, [first] varying slowest); each swept value is the [Paired] combination.
 */
public fun <A, B> sweep(first: List<A>, second: List<B>, build: (A, B) -> QuantumMatter): Sweep<Paired<A, B>> =
    sweep(first.flatMap { a -> second.map { b -> Paired(a, b) } }) { (a, b) -> build(a, b) }
