package io.qonduit.bench.statevector;

import io.qonduit.circuit.OpenQasm;
import io.qonduit.simulator.CircuitCompiler;
import io.qonduit.simulator.StateVector;
import io.qonduit.simulator.ops.CacheBlocking;
import io.qonduit.simulator.ops.GateOp;
import io.qonduit.simulator.ops.Op;

import java.util.Map;

/**
 * One single-qubit gate timed inside the engine: the bandwidth figure of {@code bench/statevector}.
 *
 * <p>Timed through a whole circuit, eight such passes at 26 qubits cost 0.33 s on top of a fixed 0.57 s
 * (allocating the state, preparing it, returning its probabilities), whose run-to-run noise was as large as
 * the passes themselves. Here the gate is compiled as the engine compiles {@code h q[QUBIT];} and applied to a
 * state that spans every qubit, pass after pass, and the fastest pass is kept: what the C probe does with its
 * scale kernel. {@link StateVector} is internal to the simulator module; Java sees it as public, which is why
 * this class is Java.
 */
public final class GatePass {
    private GatePass() {
    }

    /** The fastest of {@code passes} applications of H on {@code qubit} to an {@code numQubits}-qubit state, in seconds. */
    public static double fastestSeconds(int numQubits, int qubit, int passes) {
        String qasm = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[" + numQubits + "];\nh q[" + qubit + "];\n";
        GateOp gate = null;
        for (Op op : CircuitCompiler.Companion.compile(OpenQasm.parse(qasm), Map.of(), true, CacheBlocking.BLOCK_BITS).getOps()) {
            gate = (GateOp) op;
        }
        StateVector state = new StateVector(numQubits);
        // Every amplitude in every pass, as in a state that some gate has already spread over all qubits.
        state.setWidth(numQubits);
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            long start = System.nanoTime();
            state.apply(gate);
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest / 1e9;
    }
}
