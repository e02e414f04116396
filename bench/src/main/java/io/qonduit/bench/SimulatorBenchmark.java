package io.qonduit.bench;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.OpenQasm;
import io.qonduit.simulator.SimulationResult;
import io.qonduit.simulator.StateVectorSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * State-vector simulation speed: a layered circuit (H, RZ and a CX chain per layer) of
 * {@code qubits} qubits and {@code 5 × qubits} layers, measured once for its final probabilities
 * and once sampled for 10 000 shots; and one with mid-circuit measurement (per-shot trajectories).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SimulatorBenchmark {
    @Param({"12", "16", "20"})
    public int qubits;

    private Circuit layered;
    private Circuit midCircuit;
    private final StateVectorSimulator simulator = new StateVectorSimulator(1L);

    @Setup
    public void setUp() {
        layered = OpenQasm.parse(layeredCircuit(qubits, 5));
        midCircuit = OpenQasm.parse(teleportChain(Math.min(qubits, 12)));
    }

    /** Gate application only: 5 layers of n H + n RZ + (n-1) CX gates. */
    @Benchmark
    public double[] probabilities() {
        return simulator.probabilities(layered);
    }

    /** Evolve once, then draw 10 000 shots from the final distribution. */
    @Benchmark
    public SimulationResult sample10kShots() {
        return simulator.run(layered, 10_000);
    }

    /** Mid-circuit measurement and conditionals: one trajectory per shot, 200 shots. */
    @Benchmark
    public SimulationResult midCircuit200Shots() {
        return simulator.run(midCircuit, 200);
    }

    static String layeredCircuit(int n, int layers) {
        StringBuilder qasm = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n")
                .append("qreg q[").append(n).append("];\ncreg c[").append(n).append("];\n");
        for (int layer = 0; layer < layers; layer++) {
            for (int q = 0; q < n; q++) qasm.append("h q[").append(q).append("];\n");
            for (int q = 0; q < n; q++) qasm.append("rz(").append(0.1 * (q + 1) * (layer + 1)).append(") q[").append(q).append("];\n");
            for (int q = 1; q < n; q++) qasm.append("cx q[").append(q - 1).append("], q[").append(q).append("];\n");
        }
        return qasm.append("measure q -> c;\n").toString();
    }

    /** Entangles n qubits, measures the first mid-circuit and corrects the rest conditionally. */
    static String teleportChain(int n) {
        StringBuilder qasm = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n")
                .append("qreg q[").append(n).append("];\ncreg m[1];\ncreg c[").append(n).append("];\n")
                .append("ry(1.1) q[0];\n");
        for (int q = 1; q < n; q++) qasm.append("h q[").append(q).append("];\ncx q[").append(q - 1).append("], q[").append(q).append("];\n");
        qasm.append("measure q[0] -> m[0];\n");
        for (int q = 1; q < n; q++) qasm.append("if (m == 1) x q[").append(q).append("];\n");
        return qasm.append("measure q -> c;\n").toString();
    }
}
