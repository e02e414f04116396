package io.qonduit.oqtant.model

import io.qonduit.errors.ValidationException
import io.qonduit.errors.Validator
import io.qonduit.errors.Violation
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import kotlin.math.roundToLong

/**
 * The limits the Oqtant service enforces, checked before anything is sent.
 *
 * Every broken rule becomes one [Violation] naming the field path (e.g.
 * `inputs[0].values.optical_barriers[1].heights_khz[2]`), the value and the limit; all of them are
 * thrown together in one [ValidationException].
 *
 * Where the service silently fixes input, Qonduit rejects it instead: unsorted time or position lists
 * (the service re-orders them with a warning) and times finer than 0.1 ms (the service floors them).
 * Times are compared as the exact tenths they are sent as ([snapToTimeGrid]).
 */
public object OqtantValidation {
    /** Runs per job: 1..30. */
    public const val MAX_RUNS: Int = 30

    /** Job name length: 1..50 characters, counted as Unicode code points (as Python counts a `str`). */
    public const val MAX_NAME_LENGTH: Int = 50

    /** Note length: at most 500 characters, counted as Unicode code points. */
    public const val MAX_NOTE_LENGTH: Int = 500

    /** Upper bound of `end_time_ms` and of every manipulation time, ms. */
    public const val MAX_END_TIME_MS: Double = 200.0

    /** Bounds of `time_of_flight_ms`, ms. */
    public const val MIN_TIME_OF_FLIGHT_MS: Double = 2.0

    /** Upper bound of `time_of_flight_ms`, ms. */
    public const val MAX_TIME_OF_FLIGHT_MS: Double = 20.0

    /** Time resolution of every `TimeMs` field, ms. */
    public const val TIME_RESOLUTION_MS: Double = 0.1

    /** Barriers per run: 1..10. */
    public const val MAX_BARRIERS: Int = 10

    /** Keyframes per barrier: 2..20. */
    public const val MAX_BARRIER_KEYFRAMES: Int = 20

    /** Snapshots per landscape: 2..5. */
    public const val MAX_LANDSCAPE_SNAPSHOTS: Int = 5

    /** Points per landscape snapshot: 2..121 (one per projected spot). */
    public const val MAX_LANDSCAPE_POINTS: Int = 121

    /** Points of the RF ramp: 1..20. */
    public const val MAX_RF_POINTS: Int = 20

    /**
     * Checks [job] against every limit.
     *
     * @throws ValidationException listing every violation, if there is any
     */
    @JvmStatic
    public fun validate(job: OqtantJob) {
        val v = Validator()
        Checks(v).job(job)
        v.throwIfAny()
    }

    /** Every violation of [job], empty when it is valid. */
    @JvmStatic
    public fun violations(job: OqtantJob): List<Violation> {
        val v = Validator()
        Checks(v).job(job)
        return v.violations
    }

    /**
     * Checks one run's [values] on their own (paths start with `values`).
     *
     * @throws ValidationException listing every violation, if there is any
     */
    @JvmStatic
    public fun validateValues(values: InputValues) {
        val v = Validator()
        Checks(v).values(values, "values")
        v.throwIfAny()
    }

    /**
     * Whether [ms] lies on the 0.1 ms grid: within [TIME_NOISE_MS] (floating-point noise) of a
     * multiple of 0.1 ms. Such a time is sent as the exact tenth (see [snapToTimeGrid]); any other
     * time (`199.9999`, `0.35`) is rejected, since the service accepts at most one decimal place.
     */
    @JvmStatic
    public fun isOnTimeGrid(ms: Double): Boolean = TimeGrid.snapOrNull(ms) != null

    /**
     * [ms] as the exact tenth it stands for when [isOnTimeGrid] (`0.1 + 0.2` gives `0.3`), otherwise
     * [ms] unchanged, so that validation reports it instead of rounding it silently.
     */
    @JvmStatic
    public fun snapToTimeGrid(ms: Double): Double = TimeGrid.snap(ms)

    /** Largest distance from a multiple of 0.1 ms still treated as floating-point noise, ms. */
    public const val TIME_NOISE_MS: Double = TimeGrid.NOISE_MS
}

/** The rules, one function per block of the job; paths follow the JSON keys. */
private class Checks(private val v: Validator) {

    fun job(job: OqtantJob) {
        v.check(characters(job.name) in 1..OqtantValidation.MAX_NAME_LENGTH, "name", job.name,
            "must have 1..${OqtantValidation.MAX_NAME_LENGTH} characters (code points)")
        v.check(job.inputs.size in 1..OqtantValidation.MAX_RUNS, "inputs", job.inputs.size,
            "must have 1..${OqtantValidation.MAX_RUNS} runs")
        val computed = job.jobType
        if (computed != null) {
            job.inputs.forEachIndexed { i, input ->
                if (i > 0) {
                    v.check(input.values.jobType == computed, "inputs[$i].values", input.values.jobType.name,
                        "must map to the same job type as inputs[0] ($computed)")
                }
            }
        }
        job.inputs.forEachIndexed { i, input -> input(input, "inputs[$i]") }
        dateTime(job.timeStart, "time_start")
        dateTime(job.timeComplete, "time_complete")
    }

    /** `time_start` and `time_complete` are pydantic datetimes: ISO-8601 with or without an offset, or a date. */
    private fun dateTime(text: String?, path: String) {
        if (text == null) return
        val parsers = listOf<(String) -> Any>(OffsetDateTime::parse, LocalDateTime::parse, LocalDate::parse)
        val ok = parsers.any { parse -> runCatching { parse(text) }.isSuccess }
        v.check(ok, path, text, "must be an ISO-8601 date and time (e.g. 2024-08-07T10:00:00Z)")
    }

    private fun input(input: Input, path: String) {
        input.notes?.let {
            v.check(characters(it) <= OqtantValidation.MAX_NOTE_LENGTH, "$path.notes", characters(it),
                "must have at most ${OqtantValidation.MAX_NOTE_LENGTH} characters (code points)")
        }
        values(input.values, "$path.values")
    }

    fun values(x: InputValues, p: String) {
        timeMs(x.endTimeMs, "$p.end_time_ms", 0.0, OqtantValidation.MAX_END_TIME_MS)
        timeMs(x.timeOfFlightMs, "$p.time_of_flight_ms",
            OqtantValidation.MIN_TIME_OF_FLIGHT_MS, OqtantValidation.MAX_TIME_OF_FLIGHT_MS)
        rf(x.rfEvaporation, "$p.rf_evaporation", x.endTimeMs)
        x.opticalBarriers?.let { barriers ->
            size(barriers, "$p.optical_barriers", 1, OqtantValidation.MAX_BARRIERS)
            barriers.forEachIndexed { i, b -> barrier(b, "$p.optical_barriers[$i]", x.endTimeMs) }
        }
        x.opticalLandscape?.let { landscape(it, "$p.optical_landscape", x.endTimeMs) }
        x.lasers?.let { lasers ->
            size(lasers, "$p.lasers", 1, 1, "multiple lasers are not supported")
            lasers.forEachIndexed { i, l -> laser(l, "$p.lasers[$i]", x.endTimeMs) }
        }
    }

    private fun rf(rf: RfEvaporation, p: String, endTimeMs: Double) {
        val max = OqtantValidation.MAX_RF_POINTS
        size(rf.timesMs, "$p.times_ms", 1, max)
        size(rf.frequenciesMhz, "$p.frequencies_mhz", 1, max)
        size(rf.powersMw, "$p.powers_mw", 1, max)
        rf.timesMs.forEachIndexed { i, t ->
            v.check(t in -2000..200, "$p.times_ms[$i]", t, "must be in -2000..200 ms")
            v.check(t <= endTimeMs, "$p.times_ms[$i]", t, "must not exceed end_time_ms ($endTimeMs)")
        }
        unique(rf.timesMs, "$p.times_ms")
        ascending(rf.timesMs.map(Int::toDouble), rf.timesMs, "$p.times_ms")
        v.check(rf.timesMs.count { it <= 0 } >= 2, "$p.times_ms", rf.timesMs,
            "must contain at least two values ≤ 0 (the evaporation phase)")
        eachInRange(rf.frequenciesMhz, "$p.frequencies_mhz", 0.0, 25.0, "MHz")
        eachInRange(rf.powersMw, "$p.powers_mw", 0.0, 1000.0, "mW")
        sameLength(p, "times_ms", rf.timesMs.size, "frequencies_mhz" to rf.frequenciesMhz, "powers_mw" to rf.powersMw)
    }

    private fun barrier(b: Barrier, p: String, endTimeMs: Double) {
        val max = OqtantValidation.MAX_BARRIER_KEYFRAMES
        size(b.timesMs, "$p.times_ms", 2, max)
        size(b.positionsUm, "$p.positions_um", 2, max)
        size(b.heightsKhz, "$p.heights_khz", 2, max)
        size(b.widthsUm, "$p.widths_um", 2, max)
        times(b.timesMs, "$p.times_ms", endTimeMs)
        val sent = b.timesMs.map(TimeGrid::snap)
        unique(sent, "$p.times_ms")
        ascending(sent, b.timesMs, "$p.times_ms")
        eachInRange(b.positionsUm, "$p.positions_um", -60.0, 60.0, "µm")
        eachInRange(b.heightsKhz, "$p.heights_khz", 0.0, 100.0, "kHz")
        // The service caps widths at 20 µm (max_num_barrier_times) although Settings says 50: enforce what it validates.
        eachInRange(b.widthsUm, "$p.widths_um", 0.5, 20.0, "µm")
        if (b.shape == ShapeType.NATIVE) {
            b.widthsUm.forEachIndexed { i, w ->
                v.check(w == Barrier.NATIVE_WIDTH_UM, "$p.widths_um[$i]", w, "must be 0.5 µm for a NATIVE barrier")
            }
        }
        sameLength(p, "times_ms", b.timesMs.size,
            "positions_um" to b.positionsUm, "heights_khz" to b.heightsKhz, "widths_um" to b.widthsUm)
    }

    private fun landscape(l: OpticalLandscape, p: String, endTimeMs: Double) {
        size(l.landscapes, "$p.landscapes", 2, OqtantValidation.MAX_LANDSCAPE_SNAPSHOTS)
        val times = l.landscapes.map { TimeGrid.snap(it.timeMs) }
        ascending(times, times, "$p.landscapes", "must be in ascending order of time_ms")
        val tenths = times.filter { it.isFinite() }.map { (it * 10).roundToLong() }
        v.check(tenths.toSet().size == tenths.size, "$p.landscapes", times,
            "time_ms values must be distinct at 0.1 ms resolution")
        l.landscapes.forEachIndexed { i, s ->
            val sp = "$p.landscapes[$i]"
            times(listOf(s.timeMs), "$sp.time_ms", endTimeMs, indexed = false)
            val max = OqtantValidation.MAX_LANDSCAPE_POINTS
            size(s.potentialsKhz, "$sp.potentials_khz", 2, max)
            size(s.positionsUm, "$sp.positions_um", 2, max)
            eachInRange(s.potentialsKhz, "$sp.potentials_khz", 0.0, 100.0, "kHz")
            eachInRange(s.positionsUm, "$sp.positions_um", -60.0, 60.0, "µm")
            // Repeated positions are legal: they make a step.
            ascending(s.positionsUm, s.positionsUm, "$sp.positions_um", "must be in ascending order (repeats allowed)")
            sameLength(sp, "positions_um", s.positionsUm.size, "potentials_khz" to s.potentialsKhz)
        }
    }

    private fun laser(l: Laser, p: String, endTimeMs: Double) {
        v.check(l.type == LaserType.TERMINATOR, "$p.type", l.type.name, "must be TERMINATOR")
        v.check(l.positionUm == Laser.TERMINATOR_POSITION_UM, "$p.position_um", l.positionUm, "must be 30.0 µm")
        size(l.pulses, "$p.pulses", 1, 1)
        l.pulses.forEachIndexed { i, pulse ->
            val pp = "$p.pulses[$i]"
            size(pulse.timesMs, "$pp.times_ms", 2, 2)
            times(pulse.timesMs, "$pp.times_ms", endTimeMs)
            val sent = pulse.timesMs.map(TimeGrid::snap)
            unique(sent, "$pp.times_ms")
            ascending(sent, pulse.timesMs, "$pp.times_ms")
            size(pulse.intensitiesMwPerCm2, "$pp.intensities_mw_per_cm2", 2, 2)
            pulse.intensitiesMwPerCm2.forEachIndexed { k, intensity ->
                v.check(intensity == 1.0, "$pp.intensities_mw_per_cm2[$k]", intensity,
                    "must be 1.0 (intensity control is not supported)")
            }
            v.check(pulse.detuningMhz == 0.0, "$pp.detuning_mhz", pulse.detuningMhz, "must be 0.0 MHz")
            v.check(pulse.interpolation == InterpolationType.OFF, "$pp.interpolation", pulse.interpolation.name, "must be OFF")
        }
    }

    /** A `TimeMs` scalar: range and 0.1 ms grid. */
    private fun timeMs(t: Double, path: String, min: Double, max: Double) {
        val sent = TimeGrid.snap(t)
        v.check(sent in min..max, path, t, "must be in $min..$max ms")
        v.check(OqtantValidation.isOnTimeGrid(t), path, t,
            "must be a multiple of 0.1 ms (on the 0.1 ms grid, at most one decimal place)")
    }

    /** Manipulation-phase times: 0..200 ms, 0.1 ms grid, not after the end of the experiment. */
    private fun times(ts: List<Double>, path: String, endTimeMs: Double, indexed: Boolean = true) {
        ts.forEachIndexed { i, t ->
            val tp = if (indexed) "$path[$i]" else path
            timeMs(t, tp, 0.0, OqtantValidation.MAX_END_TIME_MS)
            v.check(TimeGrid.snap(t) <= TimeGrid.snap(endTimeMs), tp, t, "must not exceed end_time_ms ($endTimeMs)")
        }
    }

    /** Length as the service counts it (a Python `str`): Unicode code points, not UTF-16 units. */
    private fun characters(s: String): Int = s.codePointCount(0, s.length)

    private fun size(list: List<*>, path: String, min: Int, max: Int, why: String? = null) {
        val limit = if (min == max) "must have exactly $min item${if (min == 1) "" else "s"}" else "must have $min..$max items"
        v.check(list.size in min..max, path, list.size, if (why == null) limit else "$limit ($why)")
    }

    private fun eachInRange(list: List<Double>, path: String, min: Double, max: Double, unit: String) {
        list.forEachIndexed { i, x -> v.check(x in min..max, "$path[$i]", x, "must be in $min..$max $unit") }
    }

    private fun unique(list: List<Any>, path: String) {
        val repeated = list.groupingBy { it }.eachCount().filterValues { it > 1 }.keys
        v.check(repeated.isEmpty(), path, list, "must not contain duplicates (repeated: ${repeated.joinToString()})")
    }

    /** Non-decreasing [keys]; duplicates are reported by [unique] where they are illegal. */
    private fun ascending(keys: List<Double>, shown: Any, path: String, limit: String = "must be in ascending order") {
        val ok = keys.zipWithNext().all { (a, b) -> a <= b || a.isNaN() || b.isNaN() }
        v.check(ok, path, shown, limit)
    }

    private fun sameLength(p: String, refName: String, refSize: Int, vararg others: Pair<String, List<*>>) {
        others.forEach { (name, list) ->
            v.check(list.size == refSize, "$p.$name", list.size, "must have the same length as $refName ($refSize)")
        }
    }
}
