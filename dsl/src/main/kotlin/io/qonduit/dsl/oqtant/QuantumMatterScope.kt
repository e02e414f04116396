package io.qonduit.dsl.oqtant

import io.qonduit.dsl.units.Megahertz
import io.qonduit.dsl.units.Milliseconds
import io.qonduit.dsl.units.Milliwatts
import io.qonduit.dsl.units.Nanokelvin
import io.qonduit.oqtant.model.Barrier
import io.qonduit.oqtant.model.ImageType
import io.qonduit.oqtant.model.InterpolationType
import io.qonduit.oqtant.model.RfInterpolationType
import io.qonduit.oqtant.model.ShapeType

/**
 * Describes one Oqtant experiment with typed units; see [QuantumMatterScope] for what can be set.
 *
 * ```
 * val matter = quantumMatter("barrier") {
 *     lifetime = 20.ms
 *     image = ImageType.IN_TRAP
 *     barrier {
 *         at(0.ms) { position = 0.um; height = 0.kHz; width = 1.um }
 *         evolve(duration = 5.ms, position = 10.um, height = 20.kHz)
 *     }
 * }
 * val job = matter.toJob() // throws ValidationException listing every problem
 * ```
 *
 * @param name job name, 1..50 characters
 */
public fun quantumMatter(name: String = QuantumMatter.DEFAULT_NAME, block: QuantumMatterScope.() -> Unit): QuantumMatter {
    val builder = QuantumMatterBuilder(name)
    QuantumMatterScope(builder).block()
    return builder.build()
}

/**
 * The body of [quantumMatter], with the semantics of the Python client's `QuantumMatter`: without an
 * [evaporation] the default one is used; [temperature] replaces its final RF frequency; an [rfShield] adds
 * one RF point at the lifetime; every barrier keyframe, landscape snapshot and terminator pulse must end
 * within the [lifetime].
 */
@OqtantDsl
public class QuantumMatterScope internal constructor(private val builder: QuantumMatterBuilder) {
    /** Temperature to aim for, 0..500 nK; sets the final RF frequency of the default evaporation. Null: not set. */
    public var temperature: Nanokelvin?
        get() = builder.temperatureNk?.let(::Nanokelvin)
        set(value) {
            builder.temperatureNk(value?.value)
        }

    /** Length of the manipulation phase (`end_time_ms`), 0..200 ms in 0.1 ms steps; default 10 ms. */
    public var lifetime: Milliseconds
        get() = Milliseconds(builder.lifetimeMs)
        set(value) {
            builder.lifetimeMs(value.value)
        }

    /** What is imaged at the end: `TIME_OF_FLIGHT` (default) or `IN_TRAP`. */
    public var image: ImageType
        get() = builder.image
        set(value) {
            builder.image(value)
        }

    /** Time of flight before imaging, 2..20 ms; default 12 ms (sent even for in-trap images). */
    public var timeOfFlight: Milliseconds
        get() = Milliseconds(builder.timeOfFlightMs)
        set(value) {
            builder.timeOfFlightMs(value.value)
        }

    /** A note attached to the run, at most 500 characters. */
    public var note: String?
        get() = builder.note
        set(value) {
            builder.note(value)
        }

    /** A custom evaporation ramp instead of the default one; see [EvaporationScope]. */
    public fun evaporation(interpolation: RfInterpolationType = RfInterpolationType.LINEAR, block: EvaporationScope.() -> Unit) {
        val evaporation = EvaporationBuilder().interpolation(interpolation)
        EvaporationScope(evaporation).block()
        builder.evaporation(evaporation)
    }

    /** Holds the RF at [frequency] and [power] during the manipulation phase; the lifetime must then be whole ms. */
    public fun rfShield(frequency: Megahertz, power: Milliwatts) {
        builder.rfShield(frequency.value, power.value)
    }

    /** Adds a painted barrier (1..10 per experiment); see [BarrierScope]. */
    public fun barrier(
        shape: ShapeType = ShapeType.GAUSSIAN,
        interpolation: InterpolationType = InterpolationType.LINEAR,
        block: BarrierScope.() -> Unit,
    ) {
        val barrier = BarrierBuilder().shape(shape).interpolation(interpolation)
        BarrierScope(barrier).block()
        builder.barrier(barrier)
    }

    /** Adds a ready barrier model. */
    public fun barrier(barrier: Barrier) {
        builder.barrier(barrier)
    }

    /** Sets the painted landscape; see [LandscapeScope]. */
    public fun landscape(interpolation: InterpolationType = InterpolationType.LINEAR, block: LandscapeScope.() -> Unit) {
        val landscape = LandscapeBuilder().interpolation(interpolation)
        LandscapeScope(landscape).block()
        builder.landscape(landscape)
    }

    /** Switches the terminator beam (at 30 µm) on at [on] and off at [off]. The service accepts one pulse. */
    public fun terminator(on: Milliseconds, off: Milliseconds) {
        builder.terminator(on.value, off.value)
    }
}
