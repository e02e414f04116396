package io.qonduit.oqc.config

import java.util.Collections
import java.util.EnumSet

/**
 * One member of an OQC flag set. On the wire a set of members travels as the bitwise OR of their
 * [bit]s, e.g. `{"$type": "<enum 'compiler_config.config.MetricsType'>", "$value": 6}`.
 */
public interface ConfigFlag {
    /** The single bit this member contributes to the wire value. */
    public val bit: Int
}

/** Results transforms applied to the read-out values on the QPU (`InlineResultsProcessing`). */
public enum class InlineResultsProcessing(override val bit: Int) : ConfigFlag {
    /** Raw read-out per shot. */
    RAW(1),

    /** Shot results reduced to a 0/1 value per qubit. */
    BINARY(2),

    /** Values returned as numpy arrays rather than lists. */
    NUMPY_ARRAYS(4),
}

/** Post-processing of results (`ResultsFormatting`). */
public enum class ResultsFormatting(override val bit: Int) : ConfigFlag {
    /** Count how often each bitstring occurred: `{"00": 52, "11": 48}`. */
    BINARY_COUNT(1),

    /** Let the server simplify the shape of returned values. */
    DYNAMIC_STRUCTURE_RETURN(2),

    /** Squash lists of binary results into one bitstring (only with [InlineResultsProcessing.BINARY]). */
    SQUASH_BINARY_RESULT_ARRAYS(4),
}

/**
 * Metrics the server returns in a task's `execution_metadata` (`MetricsType`).
 *
 * Note that [EMPTY] is a real bit (1), not the absence of bits.
 */
public enum class MetricsType(override val bit: Int) : ConfigFlag {
    /** Explicitly no metrics. */
    EMPTY(1),

    /** The circuit after optimisation (`optimized_circuit`). */
    OPTIMIZED_CIRCUIT(2),

    /** Instruction count after optimisation (`optimized_instruction_count`). */
    OPTIMIZED_INSTRUCTION_COUNT(4),

    /**
     * Physical qubit indices used. Not in the reference table but a member of later compiler-config
     * releases (bit 8); accepted so configs written by those releases still parse.
     */
    PHYSICAL_QUBIT_INDICES(8),
    ;

    /** Presets of metric sets. */
    public companion object {
        /** `MetricsType.Default` (wire value 6): optimised circuit and instruction count. */
        @JvmStatic
        public fun defaults(): Set<MetricsType> = flagSetOf(OPTIMIZED_CIRCUIT, OPTIMIZED_INSTRUCTION_COUNT)
    }
}

/** Qiskit optimisation passes (`QiskitOptimizations`). */
public enum class QiskitOptimizations(override val bit: Int) : ConfigFlag {
    /** No Qiskit optimisation. */
    EMPTY(1),
}

/** Tket optimisation passes (`TketOptimizations`), one bit each. */
public enum class TketOptimizations(override val bit: Int) : ConfigFlag {
    /** No Tket optimisation. */
    EMPTY(1),

    /** Default qubit mapping/routing pass. */
    DEFAULT_MAPPING_PASS(2),

    /** FullPeepholeOptimise. */
    FULL_PEEPHOLE_OPTIMISE(4),

    /** ContextSimp. */
    CONTEXT_SIMP(8),

    /** DirectionalCXGates. */
    DIRECTIONAL_CX_GATES(16),

    /** CliffordSimp. */
    CLIFFORD_SIMP(32),

    /** DecomposeArbitrarilyControlledGates. */
    DECOMPOSE_ARBITRARILY_CONTROLLED_GATES(64),

    /** GlobalisePhasedX (deprecated upstream). */
    GLOBALISE_PHASED_X(128),

    /** KAKDecomposition. */
    KAK_DECOMPOSITION(256),

    /** PeepholeOptimise2Q. */
    PEEPHOLE_OPTIMISE_2Q(512),

    /** RemoveDiscarded. */
    REMOVE_DISCARDED(1024),

    /** RemoveBarriers. */
    REMOVE_BARRIERS(2048),

    /** RemoveRedundancies. */
    REMOVE_REDUNDANCIES(4096),

    /** ThreeQubitSquash. */
    THREE_QUBIT_SQUASH(8192),

    /** SimplifyMeasured. */
    SIMPLIFY_MEASURED(16384),
    ;

    /** The named combinations. */
    public companion object {
        /** `One` (wire value 18): default mapping pass + directional CX gates. */
        @JvmStatic
        public fun one(): Set<TketOptimizations> = flagSetOf(DEFAULT_MAPPING_PASS, DIRECTIONAL_CX_GATES)

        /** `Two` (wire value 30): [one] + full peephole optimise + context simp. */
        @JvmStatic
        public fun two(): Set<TketOptimizations> = flagSetOf(
            DEFAULT_MAPPING_PASS, DIRECTIONAL_CX_GATES, FULL_PEEPHOLE_OPTIMISE, CONTEXT_SIMP,
        )
    }
}

/** The wire value of a flag set: the OR of its members' bits. */
internal fun Set<ConfigFlag>.wireValue(): Int = fold(0) { acc, f -> acc or f.bit }

/** An unmodifiable, ordered copy of [members]. */
internal inline fun <reified E> flagSetOf(vararg members: E): Set<E> where E : Enum<E>, E : ConfigFlag =
    immutableFlags(members.toList())

internal inline fun <reified E> immutableFlags(members: Collection<E>): Set<E> where E : Enum<E>, E : ConfigFlag {
    val set = EnumSet.noneOf(E::class.java)
    set.addAll(members)
    return Collections.unmodifiableSet(set)
}
