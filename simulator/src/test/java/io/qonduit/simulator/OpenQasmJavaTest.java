package io.qonduit.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.OpenQasm;
import io.qonduit.circuit.QasmException;
import io.qonduit.circuit.QasmSemanticException;
import io.qonduit.circuit.QuantumRegister;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exercises the public API from Java: static entry points, overloads and unchecked exceptions. */
class OpenQasmJavaTest {
    private static final String BELL =
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    @Test
    void parsesAndRunsBell() {
        Circuit circuit = OpenQasm.parse(BELL);
        assertEquals(2, circuit.getNumQubits());
        assertEquals(2, circuit.getNumClbits());
        SimulationResult result = new StateVectorSimulator(123L).run(circuit, 1000);
        Map<String, Integer> counts = result.getCounts().get("c");
        assertEquals(1000, counts.get("00") + counts.get("11"));
        assertEquals(2, counts.size());
        assertEquals(counts, result.getClbitCounts());
    }

    @Test
    void bindsParametersAndListsNames() {
        String source = "OPENQASM 3.0; include \"stdgates.inc\"; qubit[1] q; bit[1] c; rx({{theta}}) q[0]; c = measure q;";
        assertEquals(List.of("theta"), OpenQasm.parameterNames(source));
        Circuit circuit = OpenQasm.parse(source);
        assertEquals(List.of("theta"), circuit.getParameterNames());
        double[] probabilities = new StateVectorSimulator().probabilities(circuit, Map.of("theta", Math.PI));
        assertEquals(1.0, probabilities[1], 1e-12);
    }

    @Test
    void reportsErrorsAsUncheckedExceptions() {
        QasmException error = assertThrows(QasmSemanticException.class, () -> OpenQasm.parse("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n"));
        assertEquals(3, error.getLine());
        assertEquals(1, error.getColumn());
        IllegalArgumentException shots = assertThrows(
                IllegalArgumentException.class, () -> new StateVectorSimulator().run(OpenQasm.parse(BELL), 0));
        assertTrue(shots.getMessage().contains("shots"));
        assertEquals(28, StateVectorSimulator.MAX_QUBITS);
    }

    @Test
    void exposesCircuitShapeAndAmplitudes() {
        Circuit circuit = OpenQasm.parse(
                "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg a[1];\ncreg b[1];\n"
                        + "h q[0];\nmeasure q[0] -> a[0];\nif (a==1) x q[1];\nmeasure q[1] -> b[0];\n");
        assertEquals(List.of(new QuantumRegister("q", 2)), circuit.getQuantumRegisters());
        assertEquals(List.of(new ClassicalRegister("a", 1), new ClassicalRegister("b", 1)), circuit.getClassicalRegisters());
        assertEquals(4, circuit.getInstructions().size()); // h, measure, conditional x, measure
        SimulationResult result = new StateVectorSimulator(5L).run(circuit, 100);
        // b copies a through the classical condition, so only 00 and 11 occur.
        assertTrue(Set.of("00", "11").containsAll(result.getClbitCounts().keySet()));
        assertEquals(100, result.getClbitCounts().values().stream().mapToInt(Integer::intValue).sum());

        double[] amplitudes = new StateVectorSimulator().amplitudes(OpenQasm.parse("OPENQASM 2.0;\nqreg q[1];\nU(pi/2, 0, pi) q[0];\n"));
        assertEquals(4, amplitudes.length);
        assertEquals(Math.sqrt(0.5), amplitudes[0], 1e-12);
        assertEquals(Math.sqrt(0.5), amplitudes[2], 1e-12);
    }
}
