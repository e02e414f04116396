package io.qonduit.oqtant

import io.qonduit.errors.Violation
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InputValues
import io.qonduit.oqtant.model.Laser
import io.qonduit.oqtant.model.OpticalLandscape
import io.qonduit.oqtant.model.RfEvaporation

/**
 * The Python `QuantumMatter` rules, written once: what an experiment maps to ([inputValues]) and the
 * checks its constructor makes ([violations]). [QuantumMatter] applies them on construction; the
 * experiment DSL (`qonduit-dsl`) collects them with its own checks. Service limits on the resulting
 * job are [io.qonduit.oqtant.model.OqtantValidation]'s.
 */
public object QuantumMatterRules {
    /**
     * Every broken rule, in this order: temperature outside 0..[QuantumMatter.MAX_TEMPERATURE_NK]
     * (`temperature`); a barrier, landscape snapshot or terminator pulse ending after [lifetimeMs]
     * (`lifetime`); an RF shield at a time that is not a whole millisecond (`rf_shield`: RF times are
     * integers in bert_schemas, so the Python client rejects e.g. 10.5 ms rather than flooring it).
     *
     * @param shieldAtMs when the RF shield point sits (the lifetime, unless the shield names its own), or null without a shield
     */
    @JvmStatic
    public fun violations(
        temperatureNk: Double?,
        lifetimeMs: Double,
        shieldAtMs: Double?,
        barriers: List<Barrier>?,
        landscape: OpticalLandscape?,
        lasers: List<Laser>?,
    ): List<Violation> {
        val problems = mutableListOf<Violation>()
        temperatureNk?.let { t ->
            if (!(t in 0.0..QuantumMatter.MAX_TEMPERATURE_NK)) problems += Violation("temperature", t, "must be in 0.0..${QuantumMatter.MAX_TEMPERATURE_NK} nK")
        }
        fun atLeast(endMs: Double?, what: String) {
            if (endMs != null && endMs > lifetimeMs) problems += Violation("lifetime", lifetimeMs, "must be at least $endMs ms, the end of $what")
        }
        barriers?.forEachIndexed { i, b -> atLeast(b.timesMs.maxOrNull(), "barriers[$i]") }
        atLeast(landscape?.landscapes?.maxOfOrNull { it.timeMs }, "the landscape (its last snapshot)")
        lasers?.forEachIndexed { i, l -> atLeast(l.pulses.flatMap { it.timesMs }.maxOrNull(), "terminator pulse $i") }
        if (shieldAtMs != null && shieldAtMs != Math.rint(shieldAtMs)) {
            problems += Violation("rf_shield", shieldAtMs,
                "needs a lifetime of whole milliseconds: the shield is an RF point at the lifetime and RF times are integers")
        }
        return problems
    }

    /**
     * The run's values (Python `QuantumMatter.input`): [rfEvap] or [QuantumMatter.DEFAULT_RF_EVAP]; with
     * [temperatureNk], its last frequency becomes `TEMPERATURE_TO_EVAP_FREQUENCY × temperature`; an
     * [rfShield] appends one RF point at its time ([RfShield.lifetimeMs] or [lifetimeMs]).
     * Does not check anything: see [violations].
     */
    @JvmStatic
    public fun inputValues(
        lifetimeMs: Double,
        image: ImageType,
        timeOfFlightMs: Double,
        rfEvap: RfEvaporation?,
        temperatureNk: Double?,
        rfShield: RfShield?,
        barriers: List<Barrier>?,
        landscape: OpticalLandscape?,
        lasers: List<Laser>?,
    ): InputValues {
        var rf = rfEvap ?: QuantumMatter.DEFAULT_RF_EVAP
        if (temperatureNk != null && rf.frequenciesMhz.isNotEmpty()) {
            rf = rf.copy(frequenciesMhz = rf.frequenciesMhz.dropLast(1) + QuantumMatter.TEMPERATURE_TO_EVAP_FREQUENCY * temperatureNk)
        }
        rfShield?.let { shield ->
            val at = (shield.lifetimeMs ?: lifetimeMs).toInt()
            rf = rf.copy(timesMs = rf.timesMs + at, frequenciesMhz = rf.frequenciesMhz + shield.frequencyMhz, powersMw = rf.powersMw + shield.powerMw)
        }
        return InputValues(lifetimeMs, image, timeOfFlightMs, rf, barriers, landscape, lasers)
    }
}
