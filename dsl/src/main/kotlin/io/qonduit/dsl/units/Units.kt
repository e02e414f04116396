package io.qonduit.dsl.units

/**
 * Units for Java callers.
 *
 * Kotlin value classes such as [Milliseconds] reach Java only as plain numbers (their constructors and
 * extension properties are hidden by name mangling), so Java code states units through these
 * functions instead. Each returns a `double` in the **canonical unit of the Oqtant field** it feeds:
 * times in ms, positions and widths in µm, heights and potentials in kHz, RF frequencies in MHz,
 * RF powers in mW, temperatures in nK.
 *
 * ```java
 * import static io.qonduit.dsl.units.Units.*;
 * new Barrier(List.of(ms(0), us(500)), List.of(um(-10), um(-10)), List.of(kHz(0), MHz(0.02)), List.of(um(1), um(1)));
 * ```
 *
 * Here `us(500)` is `0.5` (ms) and `MHz(0.02)` used as a height would be wrong: for heights write
 * `kHz(MHzToKHz(0.02))`. The compiler cannot catch that in Java; in Kotlin the unit types do.
 */
public object Units {
    /** [value] milliseconds, in ms. */
    @JvmStatic
    public fun ms(value: Double): Double = value.ms.value

    /** [value] microseconds, in ms. */
    @JvmStatic
    public fun us(value: Double): Double = value.us.value

    /** [value] micrometres, in µm. */
    @JvmStatic
    public fun um(value: Double): Double = value.um.value

    /** [value] kilohertz, in kHz. */
    @JvmStatic
    public fun kHz(value: Double): Double = value.kHz.value

    /** [value] megahertz, in MHz. */
    @JvmStatic
    public fun MHz(value: Double): Double = value.MHz.value

    /** [value] milliwatts, in mW. */
    @JvmStatic
    public fun mW(value: Double): Double = value.mW.value

    /** [value] nanokelvin, in nK. */
    @JvmStatic
    public fun nK(value: Double): Double = value.nK.value

    /** Converts [megahertz] to kHz. */
    @JvmStatic
    public fun MHzToKHz(megahertz: Double): Double = megahertz.MHz.toKilohertz().value

    /** Converts [kilohertz] to MHz. */
    @JvmStatic
    public fun kHzToMHz(kilohertz: Double): Double = kilohertz.kHz.toMegahertz().value

    /** Formats [milliseconds] with its unit, e.g. `"20.0 ms"`. */
    @JvmStatic
    public fun formatMs(milliseconds: Double): String = milliseconds.ms.toString()
}
