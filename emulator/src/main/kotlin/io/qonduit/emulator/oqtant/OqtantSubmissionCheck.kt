package io.qonduit.emulator.oqtant

import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.elementNames
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull

/** A submission that passed the service's checks: the name, and each run's raw input and parsed values. */
internal class CheckedSubmission(val name: String, val jobType: String, val inputs: List<JsonObject>, val values: List<ValuesDto>)

/**
 * The service-side validation of `POST {U}/jobs` (bert_schemas limits, oqtant.md §2): answers 422
 * naming every problem's location. String lengths count code points, as pydantic counts a Python
 * `str`. Covers the envelope, ranges, list sizes, equal lengths, RF rules, the 0.1 ms resolution of `TimeMs` fields, NATIVE widths, terminator pulses and "no time after
 * end_time_ms". Unsorted barrier, RF and landscape lists are accepted, as the service re-orders them
 * (quirk Q11); unsorted pulse times are refused, as the service refuses them.
 */
internal object OqtantSubmissionCheck {
    private val imageTypes = listOf("IN_TRAP", "TIME_OF_FLIGHT", "MOT")
    private val shapes = listOf("GAUSSIAN", "LORENTZIAN", "SQUARE", "NATIVE")
    private val interpolations = listOf("LINEAR", "SMOOTH", "OFF", "ZERO", "SLINEAR", "QUADRATIC", "CUBIC", "NEAREST", "PREVIOUS", "NEXT")
    private val rfInterpolations = listOf("LINEAR", "OFF", "PREVIOUS")
    private val laserTypes = listOf("TERMINATOR", "BRAGG")

    fun check(body: SubmissionDto): CheckedSubmission {
        val problems = Problems()
        fun fail(loc: List<Any>, msg: String) = problems.fail(loc, msg)

        val name = body.name
        if (name == null) fail(listOf("name"), "Field required")
        else if (name.codePointCount(0, name.length) !in 1..50) fail(listOf("name"), "String should have between 1 and 50 characters")
        val inputs = body.inputs
        if (inputs == null) fail(listOf("inputs"), "Field required")
        else if (inputs.size !in 1..30) fail(listOf("inputs"), "List should have between 1 and 30 items")
        val values = mutableListOf<ValuesDto>()
        inputs?.forEachIndexed { i, input ->
            val loc = listOf<Any>("inputs", i)
            val notes = (input["notes"] as? JsonPrimitive)?.contentOrNull
            if (notes != null && notes.codePointCount(0, notes.length) > 500) fail(loc + "notes", "String should have at most 500 characters")
            val raw = input["values"] as? JsonObject
            if (raw == null) {
                fail(loc + "values", "Field required")
                return@forEachIndexed
            }
            val parsed = try {
                oqtantJson.decodeFromJsonElement(ValuesDto.serializer(), integralRfTimes(raw, loc + "values", problems) ?: return@forEachIndexed)
            } catch (e: SerializationException) {
                fail(loc + "values", e.message?.lineSequence()?.first() ?: "invalid values")
                return@forEachIndexed
            } catch (e: IllegalArgumentException) {
                fail(loc + "values", e.message?.lineSequence()?.first() ?: "invalid values")
                return@forEachIndexed
            }
            values += parsed
            forbidExtraKeys(raw, loc + "values", problems)
            checkValues(parsed, loc + "values", problems)
        }
        if (problems.found.isNotEmpty()) throw OqtantHttpException.invalid(problems.found)
        // Runs are numbered by position, whatever `run` was sent: the Python client's create_job(runs=n)
        // sends n copies of its template all saying run 1, and then asks get_job(id, run=k) for k = 1..n
        // (as write_job_to_file's `_run_{run}_of_{input_count}` and QuantumMatter.get_result(run) do),
        // so the service must answer run k with the k-th input.
        val checked = inputs!!.mapIndexed { i, input -> JsonObject(input + ("run" to JsonPrimitive(i + 1))) }
        return CheckedSubmission(name!!, values[0].jobType, checked, values)
    }

    private fun checkValues(v: ValuesDto, loc: List<Any>, problems: Problems) {
        fun fail(loc: List<Any>, msg: String) = problems.fail(loc, msg)
        fun enum(value: String, allowed: List<String>, at: List<Any>) {
            if (value !in allowed) problems.fail(at, "Input should be " + OqtantEnvelopeCheck.choices(allowed), "enum")
        }
        val end = v.endTimeMs
        if (end !in 0.0..200.0) fail(loc + "end_time_ms", "Input should be between 0.0 and 200.0")
        if (!onTimeGrid(end)) fail(loc + "end_time_ms", TIME_DECIMALS)
        if (v.timeOfFlightMs !in 2.0..20.0) fail(loc + "time_of_flight_ms", "Input should be between 2.0 and 20.0")
        if (!onTimeGrid(v.timeOfFlightMs)) fail(loc + "time_of_flight_ms", TIME_DECIMALS)
        enum(v.imageType, imageTypes, loc + "image_type")

        val rf = v.rfEvaporation
        val rfLoc = loc + "rf_evaporation"
        if (rf.timesMs.size !in 1..20) fail(rfLoc + "times_ms", "List should have between 1 and 20 items")
        if (rf.timesMs.size != rf.frequenciesMhz.size || rf.timesMs.size != rf.powersMw.size) {
            fail(rfLoc, "RF evaporation data lists must have equal length")
        }
        if (rf.timesMs.any { it !in -2000..200 }) fail(rfLoc + "times_ms", "Values should be between -2000 and 200")
        if (rf.timesMs.toSet().size != rf.timesMs.size) fail(rfLoc + "times_ms", "Values must be unique")
        if (rf.timesMs.count { it <= 0 } < 2) fail(rfLoc + "times_ms", "At least two values must be <= 0")
        if (rf.frequenciesMhz.any { it !in 0.0..25.0 }) fail(rfLoc + "frequencies_mhz", "Values should be between 0.0 and 25.0")
        if (rf.powersMw.any { it !in 0.0..1000.0 }) fail(rfLoc + "powers_mw", "Values should be between 0.0 and 1000.0")
        enum(rf.interpolation, rfInterpolations, rfLoc + "interpolation")
        if (rf.timesMs.any { it > end }) fail(rfLoc + "times_ms", "rf_evaporation.times_ms max values cannot exceed end_time_ms")

        v.opticalBarriers?.let { barriers ->
            if (barriers.size !in 1..10) fail(loc + "optical_barriers", "List should have between 1 and 10 items")
            barriers.forEachIndexed { b, barrier ->
                val bLoc = loc + "optical_barriers" + b
                val n = barrier.timesMs.size
                if (n !in 2..20) fail(bLoc + "times_ms", "List should have between 2 and 20 items")
                if (listOf(barrier.positionsUm.size, barrier.heightsKhz.size, barrier.widthsUm.size).any { it != n }) {
                    fail(bLoc, "Barrier data lists must be of equal length")
                }
                if (barrier.timesMs.any { it < 0.0 || it > end }) {
                    fail(bLoc + "times_ms", "optical_barriers[$b].times_ms max values cannot exceed end_time_ms")
                }
                barrier.timesMs.forEachIndexed { t, ms -> if (!onTimeGrid(ms)) fail(bLoc + "times_ms" + t, TIME_DECIMALS) }
                if (barrier.timesMs.toSet().size != n) fail(bLoc + "times_ms", "Values must be unique")
                if (barrier.shape == "NATIVE" && barrier.widthsUm.any { it != 0.5 }) fail(bLoc + "widths_um", "NATIVE barriers require every width to be 0.5")
                if (barrier.positionsUm.any { it !in -60.0..60.0 }) fail(bLoc + "positions_um", "Values should be between -60.0 and 60.0")
                if (barrier.heightsKhz.any { it !in 0.0..100.0 }) fail(bLoc + "heights_khz", "Values should be between 0.0 and 100.0")
                if (barrier.widthsUm.any { it !in 0.5..20.0 }) fail(bLoc + "widths_um", "Values should be between 0.5 and 20.0")
                enum(barrier.shape, shapes, bLoc + "shape")
                enum(barrier.interpolation, interpolations, bLoc + "interpolation")
            }
        }
        v.opticalLandscape?.let { landscape ->
            val lLoc = loc + "optical_landscape"
            enum(landscape.interpolation, interpolations, lLoc + "interpolation")
            if (landscape.landscapes.size !in 2..5) fail(lLoc + "landscapes", "List should have between 2 and 5 items")
            val tenths = landscape.landscapes.map { Math.round(it.timeMs * 10) }
            if (tenths.toSet().size != tenths.size) fail(lLoc + "landscapes", "Landscape times must be distinct at 0.1 ms resolution")
            landscape.landscapes.forEachIndexed { s, snap ->
                val sLoc = lLoc + "landscapes" + s
                enum(snap.spatialInterpolation, interpolations, sLoc + "spatial_interpolation")
                if (snap.positionsUm.size !in 2..121) fail(sLoc + "positions_um", "List should have between 2 and 121 items")
                if (snap.positionsUm.size != snap.potentialsKhz.size) fail(sLoc, "Landscape data lists must be of equal length")
                if (snap.timeMs < 0.0 || snap.timeMs > end) fail(sLoc + "time_ms", "optical_landscape time_ms cannot exceed end_time_ms")
                if (!onTimeGrid(snap.timeMs)) fail(sLoc + "time_ms", TIME_DECIMALS)
                if (snap.positionsUm.any { it !in -60.0..60.0 }) fail(sLoc + "positions_um", "Values should be between -60.0 and 60.0")
                if (snap.potentialsKhz.any { it !in 0.0..100.0 }) fail(sLoc + "potentials_khz", "Values should be between 0.0 and 100.0")
            }
        }
        v.lasers?.let { lasers ->
            if (lasers.size != 1) fail(loc + "lasers", "Multiple lasers not supported.")
            lasers.forEachIndexed { l, laser ->
                val lLoc = loc + "lasers" + l
                enum(laser.type, laserTypes, lLoc + "type")
                if (laser.type == "BRAGG") fail(loc + "lasers", "Must be type TERMINATOR. Other laser types not supported.")
                if (laser.positionUm != 30.0) fail(lLoc + "position_um", "Terminator position must be 30.0")
                if (laser.pulses.size != 1) fail(lLoc + "pulses", "List should have exactly 1 item")
                laser.pulses.forEachIndexed { p, pulse ->
                    if (pulse.timesMs.size != 2 || pulse.timesMs.any { it < 0.0 || it > end }) {
                        fail(lLoc + "pulses" + p + "times_ms", "Two pulse times within 0..end_time_ms are required")
                    }
                    pulse.timesMs.forEachIndexed { t, ms -> if (!onTimeGrid(ms)) fail(lLoc + "pulses" + p + "times_ms" + t, TIME_DECIMALS) }
                    if (pulse.timesMs.toSet().size != pulse.timesMs.size) fail(lLoc + "pulses" + p + "times_ms", "Values must be unique")
                    // Unlike barrier and RF times, the service does not re-order pulse times: it refuses them.
                    if (pulse.timesMs.zipWithNext().any { (a, b) -> a > b }) fail(lLoc + "pulses" + p + "times_ms", "Pulse times must be in ascending order")
                    if (pulse.intensitiesMwPerCm2.size != 2 || pulse.intensitiesMwPerCm2.any { it != 1.0 }) {
                        fail(lLoc + "pulses" + p, "Intensity control is not supported.")
                    }
                    if (pulse.detuningMhz != 0.0) fail(lLoc + "pulses" + p + "detuning_mhz", "Detuning is not supported.")
                    enum(pulse.interpolation, interpolations, lLoc + "pulses" + p + "interpolation")
                    if (pulse.interpolation in interpolations && pulse.interpolation != "OFF") fail(lLoc + "pulses" + p + "interpolation", "Pulse interpolation must be OFF")
                }
            }
        }
    }

    /**
     * [values] with RF times spelt as integral floats (`-1600.0`) made integers, as pydantic reads an
     * `int` field; null (and a problem per item) when one has a fractional part.
     */
    private fun integralRfTimes(values: JsonObject, loc: List<Any>, problems: Problems): JsonObject? {
        val rf = values["rf_evaporation"] as? JsonObject ?: return values
        val times = rf["times_ms"] as? JsonArray ?: return values
        var ok = true
        val fixed = times.mapIndexed { i, item ->
            val p = item as? JsonPrimitive
            val d = p?.takeIf { !it.isString }?.doubleOrNull
            when {
                d == null || p.longOrNull != null -> item
                d == Math.rint(d) -> JsonPrimitive(d.toLong())
                else -> {
                    ok = false
                    problems.fail(loc + "rf_evaporation" + "times_ms" + i, "Input should be a valid integer, got a number with a fractional part", "int_from_float")
                    item
                }
            }
        }
        return if (ok) JsonObject(values + ("rf_evaporation" to JsonObject(rf + ("times_ms" to JsonArray(fixed))))) else null
    }

    private val rfKeys = RfDto.serializer().descriptor.elementNames.toSet()
    private val pulseKeys = PulseDto.serializer().descriptor.elementNames.toSet()

    /** bert_schemas' `RfEvaporation` and `Pulse` forbid extra keys (`extra="forbid"`); the other models ignore them. */
    private fun forbidExtraKeys(values: JsonObject, loc: List<Any>, problems: Problems) {
        fun check(obj: Any?, allowed: Set<String>, at: List<Any>) {
            (obj as? JsonObject)?.keys?.filter { it !in allowed }?.forEach { problems.fail(at + it, "Extra inputs are not permitted", "extra_forbidden") }
        }
        check(values["rf_evaporation"], rfKeys, loc + "rf_evaporation")
        (values["lasers"] as? JsonArray)?.forEachIndexed { l, laser ->
            ((laser as? JsonObject)?.get("pulses") as? JsonArray)?.forEachIndexed { p, pulse -> check(pulse, pulseKeys, loc + "lasers" + l + "pulses" + p) }
        }
    }

    /** The problems found so far; locations get pydantic's leading `body`. */
    private class Problems {
        val found = mutableListOf<Problem>()

        fun fail(loc: List<Any>, msg: String, type: String = "value_error") {
            found += Problem(listOf<Any>("body") + loc, msg, type)
        }
    }

    private const val TIME_DECIMALS = "Decimal input should have no more than 1 decimal place"

    /**
     * `TimeMs` is a Decimal with `decimal_places=1`; pydantic reads a JSON float through its shortest
     * decimal form, so a time passes only when that form has at most one decimal place: exactly when
     * the double is the one nearest to a tenth (`0.3` passes, `0.30000000000000004` and `199.9999` fail).
     */
    private fun onTimeGrid(ms: Double): Boolean = ms.isFinite() && Math.round(ms * 10) / 10.0 == ms
}
