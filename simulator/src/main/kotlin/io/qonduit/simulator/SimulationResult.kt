package io.qonduit.simulator

/**
 * Measurement histogram of [shots] shots. Only observed bitstrings appear (no zero entries); registers that are
 * never measured still appear, with all-zero bitstrings. Unmeasured bits read 0.
 */
public class SimulationResult(
    /** Number of shots sampled. */
    public val shots: Int,
    /** creg name -> bitstring -> count. Bitstrings are "big-endian" in OQC's sense: character i is creg[i] (c[0] leftmost). */
    public val counts: Map<String, Map<String, Int>>,
    /** All classical bits concatenated in register declaration order -> count; character i is global clbit i (clbit 0 leftmost). */
    public val clbitCounts: Map<String, Int>,
    /** Primitive operations the simulator applied per shot: gate definitions expanded, registers broadcast, barriers left out. */
    public val operationCount: Int,
) {
    override fun toString(): String = "SimulationResult(shots=$shots, counts=$counts)"
}
