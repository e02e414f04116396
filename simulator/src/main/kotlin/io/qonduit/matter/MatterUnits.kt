package io.qonduit.matter

import kotlin.math.PI
import kotlin.math.sqrt

/**
 * The physical model of the Oqtant matter service and its natural ("simulation") units.
 *
 * Rb-87 in a cigar-shaped magnetic trap, 50 Hz along the axis x and 400 Hz radially, 10 000
 * condensed atoms. Units: time `1/ω` with `ω = 2π·50 Hz` (3.183 ms), length `√(ħ/(mω))` (1.524 µm),
 * energy `ħω` (50 Hz, so 1 kHz = 20 units). The constants are the service's own (mass
 * `87 × 1.66054e−27 kg`, `h = 6.626e−34 J s`), so one unit converts exactly as it does there.
 * In these units the wave function is normalised to 1 and the interaction strength is
 * `g = 4π·N·a` with `a = 0.0034117` units (5.2 nm).
 */
public object MatterUnits {
    /** Axial trap frequency, Hz. */
    public const val AXIAL_TRAP_HZ: Double = 50.0

    /** Radial trap frequency, Hz. */
    public const val RADIAL_TRAP_HZ: Double = 400.0

    /** Radial trap angular frequency in units of the axial one. */
    public const val RADIAL_OMEGA: Double = RADIAL_TRAP_HZ / AXIAL_TRAP_HZ

    /** Atom mass, kg (Rb-87 as the service counts it). */
    public const val MASS_KG: Double = 87 * 1.66054e-27

    /** Planck's constant, J s (the service's rounding). */
    public const val PLANCK: Double = 6.626e-34

    /** Reduced Planck constant, J s. */
    public const val HBAR: Double = PLANCK / (2 * PI)

    /** Boltzmann's constant, J/K. */
    public const val BOLTZMANN: Double = 1.380649e-23

    /** Axial trap angular frequency, rad/s: the inverse time unit. */
    public const val OMEGA: Double = 2 * PI * AXIAL_TRAP_HZ

    /** One time unit in ms (3.183). */
    public const val TIME_UNIT_MS: Double = 1e3 / OMEGA

    /** One length unit in µm (1.524). */
    public val LENGTH_UNIT_UM: Double = sqrt(HBAR / (MASS_KG * OMEGA)) * 1e6

    /** Energy units per kHz (20: one unit is `ħω` = 50 Hz). */
    public const val UNITS_PER_KHZ: Double = PLANCK * 1e3 / (HBAR * OMEGA)

    /** Condensed atoms of the zero-temperature model. */
    public const val ATOMS: Int = 10_000

    /** s-wave scattering length in length units. */
    public const val SCATTERING_LENGTH: Double = 0.0034117

    /** Interaction strength `4π·N·a` for [ATOMS] atoms (≈ 428.7). */
    public const val INTERACTION: Double = 4 * PI * ATOMS * SCATTERING_LENGTH

    /** Period at which the projector refreshes the painted potential, ms. */
    public const val PROJECTOR_UPDATE_MS: Double = 0.1

    /** Milliseconds to time units. */
    public fun msToUnits(ms: Double): Double = ms / TIME_UNIT_MS

    /** Micrometres to length units. */
    public fun umToUnits(um: Double): Double = um / LENGTH_UNIT_UM

    /**
     * The Thomas–Fermi chemical potential of [atoms] atoms in the harmonic trap, energy units:
     * `½ ω̄ (15 N a / a_ω̄)^(2/5)` with `ω̄ = (ω_x ω_r²)^(1/3)`.
     */
    public fun thomasFermiChemicalPotential(atoms: Double = ATOMS.toDouble()): Double {
        val omegaBar = Math.cbrt(RADIAL_OMEGA * RADIAL_OMEGA)
        val oscillatorLength = 1 / sqrt(omegaBar)
        return 0.5 * omegaBar * Math.pow(15 * atoms * SCATTERING_LENGTH / oscillatorLength, 0.4)
    }
}
