package io.qonduit.oqc.config

/**
 * How the server shapes results (`QuantumResultsFormat`): an optional inline [format] and optional
 * [transforms]. Immutable; use the presets ([binaryCount] is the SDK default) or [of].
 *
 * A `null` [format] or [transforms] travels as JSON `null` (the server then picks); an empty set
 * travels as flag value 0.
 */
public class QuantumResultsFormat private constructor(
    /** Inline processing flags, or `null` when unset. */
    public val format: Set<InlineResultsProcessing>?,
    /** Post-processing flags, or `null` when unset. */
    public val transforms: Set<ResultsFormatting>?,
) {
    /** True when results come back as bitstring counts (the [ResultsFormatting.BINARY_COUNT] transform). */
    public val isBinaryCount: Boolean get() = transforms?.contains(ResultsFormatting.BINARY_COUNT) == true

    override fun equals(other: Any?): Boolean =
        other is QuantumResultsFormat && other.format == format && other.transforms == transforms

    override fun hashCode(): Int = (format?.hashCode() ?: 0) * 31 + (transforms?.hashCode() ?: 0)

    override fun toString(): String = "QuantumResultsFormat(format=$format, transforms=$transforms)"

    /** Presets mirroring the Python `QuantumResultsFormat` helpers. */
    public companion object {
        /** Counts per bitstring: format `Raw`, transforms `BinaryCount | DynamicStructureReturn` (1 / 3). The default. */
        @JvmStatic
        public fun binaryCount(): QuantumResultsFormat = of(
            flagSetOf(InlineResultsProcessing.RAW),
            flagSetOf(ResultsFormatting.BINARY_COUNT, ResultsFormatting.DYNAMIC_STRUCTURE_RETURN),
        )

        /** Raw read-out values per shot: format `Raw`, transforms `DynamicStructureReturn` (1 / 2). */
        @JvmStatic
        public fun raw(): QuantumResultsFormat =
            of(flagSetOf(InlineResultsProcessing.RAW), flagSetOf(ResultsFormatting.DYNAMIC_STRUCTURE_RETURN))

        /** Binary values per shot: format `Binary`, transforms `DynamicStructureReturn` (2 / 2). */
        @JvmStatic
        public fun binary(): QuantumResultsFormat =
            of(flagSetOf(InlineResultsProcessing.BINARY), flagSetOf(ResultsFormatting.DYNAMIC_STRUCTURE_RETURN))

        /** Binary values squashed to one bitstring: format `Binary`, transforms `SquashBinaryResultArrays | DynamicStructureReturn` (2 / 6). */
        @JvmStatic
        public fun squashBinaryResultArrays(): QuantumResultsFormat = of(
            flagSetOf(InlineResultsProcessing.BINARY),
            flagSetOf(ResultsFormatting.SQUASH_BINARY_RESULT_ARRAYS, ResultsFormatting.DYNAMIC_STRUCTURE_RETURN),
        )

        /** What a bare Python `QuantumResultsFormat()` holds: no format, transforms `DynamicStructureReturn` (null / 2). */
        @JvmStatic
        public fun unspecified(): QuantumResultsFormat =
            of(null, flagSetOf(ResultsFormatting.DYNAMIC_STRUCTURE_RETURN))

        /** Any combination; `null` means "unset" (JSON `null`). The sets are copied. */
        @JvmStatic
        public fun of(format: Set<InlineResultsProcessing>?, transforms: Set<ResultsFormatting>?): QuantumResultsFormat =
            QuantumResultsFormat(format?.let { immutableFlags(it) }, transforms?.let { immutableFlags(it) })
    }
}
