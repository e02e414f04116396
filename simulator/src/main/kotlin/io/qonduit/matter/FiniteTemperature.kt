package io.qonduit.matter

import kotlin.math.PI
import kotlin.math.cbrt
import kotlin.math.exp
import kotlin.math.pow
import kotlin.math.sqrt

/**
 * The thermal cloud of a BEC job: an ideal Bose gas in the harmonic trap at the temperature the RF
 * evaporation ends at.
 *
 * * **Temperature.** The service's own mapping (`last RF frequency = 0.067/200 MHz per nK × T`,
 *   the rule behind `QuantumMatter(temperature=…)`), inverted: `T = f_end / (0.067/200 MHz/nK)`,
 *   from the last evaporation point at t ≤ 0, clipped to 0..500 nK (the service's range).
 * * **Populations.** Below T_c the thermal component of an ideal Bose gas in a harmonic trap is
 *   saturated: `N_th = ζ(3)(k_B T/ħω̄)³`, ω̄ = 2π·(50·400²)^(1/3) Hz = 2π·200 Hz. The condensate keeps
 *   the simulator's [MatterUnits.ATOMS] atoms (so its image is the Gross–Pitaevskii one), the
 *   total is `N₀ + N_th`, and `T_c = 0.94 ħω̄ N^(1/3)/k_B` of that total is reported.
 * * **Image.** The thermal cloud is a Maxwell–Boltzmann Gaussian released from the trap: widths
 *   `σ_i² = k_B T/(mω_i²)·(1 + ω_i² t²)` along the axis and across it, added to the condensate's
 *   time-of-flight image.
 *
 * Limits: no interaction shift of T_c and no mean-field repulsion between the components (the
 * condensate is the T = 0 solution), Boltzmann rather than Bose (g₃/₂) statistics for the thermal
 * profile, no finite trap depth from the RF knife, a fixed condensed number (the hardware's varies
 * with evaporation); above T_c (hot clouds, T ≳ 210 nK here) the model is outside its range and
 * still reports a condensate. In-trap images are not given a thermal cloud.
 *
 * @property temperatureNk temperature, nK
 * @property condensedAtoms condensed atoms
 * @property thermalAtoms thermal atoms
 * @property criticalTemperatureNk ideal-gas T_c of the total, nK
 */
public data class ThermalCloud(val temperatureNk: Double, val condensedAtoms: Long, val thermalAtoms: Long, val criticalTemperatureNk: Double) {
    /** Condensed plus thermal atoms. */
    public val totalAtoms: Long get() = condensedAtoms + thermalAtoms
}

/** The finite-temperature model (see [ThermalCloud]). */
public object FiniteTemperature {
    /** MHz of the last RF frequency per nK of temperature (the service's rule). */
    public const val MHZ_PER_NK: Double = 0.067 / 200

    /** Highest temperature the service accepts, nK. */
    public const val MAX_NK: Double = 500.0

    private const val ZETA_3 = 1.2020569031595942
    private val OMEGA_BAR = 2 * PI * cbrt(MatterUnits.AXIAL_TRAP_HZ * MatterUnits.RADIAL_TRAP_HZ * MatterUnits.RADIAL_TRAP_HZ)

    /** ħω̄/k_B in nK (≈ 9.6 nK). */
    public val TRAP_QUANTUM_NK: Double = MatterUnits.HBAR * OMEGA_BAR / MatterUnits.BOLTZMANN * 1e9

    /** The thermal cloud of [experiment]; zero temperature when it gives no evaporation end point. */
    @JvmStatic
    public fun of(experiment: MatterExperiment): ThermalCloud = at((experiment.evaporationEndMhz ?: 0.0) / MHZ_PER_NK)

    /** The thermal cloud at [temperatureNk] (clipped to 0..[MAX_NK]). */
    @JvmStatic
    public fun at(temperatureNk: Double): ThermalCloud {
        val t = temperatureNk.coerceIn(0.0, MAX_NK)
        val thermal = Math.round(ZETA_3 * (t / TRAP_QUANTUM_NK).pow(3))
        val total = MatterUnits.ATOMS + thermal
        return ThermalCloud(t, MatterUnits.ATOMS.toLong(), thermal, 0.94 * TRAP_QUANTUM_NK * cbrt(total.toDouble()))
    }

    /** Gaussian widths (axial, radial) of the thermal cloud after [flightMs], µm. */
    @JvmStatic
    public fun widthsUm(cloud: ThermalCloud, flightMs: Double): Pair<Double, Double> {
        val kT = MatterUnits.BOLTZMANN * cloud.temperatureNk * 1e-9
        val t = flightMs * 1e-3
        fun sigma(hz: Double): Double { val w = 2 * PI * hz; return sqrt(kT / (MatterUnits.MASS_KG * w * w) * (1 + w * w * t * t)) * 1e6 }
        return sigma(MatterUnits.AXIAL_TRAP_HZ) to sigma(MatterUnits.RADIAL_TRAP_HZ)
    }

    /** Peak thermal OD after flight of the widths [widthsUm]. */
    internal fun peakOd(cloud: ThermalCloud, widthsUm: Pair<Double, Double>): Double =
        if (cloud.thermalAtoms == 0L) 0.0 else Imaging.SIGMA_TOF_UM2 * cloud.thermalAtoms / (2 * PI * widthsUm.first * widthsUm.second)

    /** [condensate] (a time-of-flight image) plus the thermal Gaussian of [cloud] after [flightMs]. */
    internal fun addThermalCloud(condensate: MatterImage, cloud: ThermalCloud, flightMs: Double): MatterImage {
        if (cloud.thermalAtoms == 0L) return condensate
        val widths = widthsUm(cloud, flightMs)
        val peak = peakOd(cloud, widths)
        val centre = condensate.rows / 2
        val p = condensate.pixcalUm
        val pixels = DoubleArray(condensate.pixels.size) { n ->
            val x = (n % condensate.columns - centre) * p
            val y = (n / condensate.columns - centre) * p
            condensate.pixels[n] + peak * exp(-x * x / (2 * widths.first * widths.first) - y * y / (2 * widths.second * widths.second))
        }
        return MatterImage(pixels, condensate.rows, condensate.columns, p)
    }
}
