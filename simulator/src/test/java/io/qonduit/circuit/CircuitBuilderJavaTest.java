package io.qonduit.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.program.Bindings;
import io.qonduit.simulator.SimulationResult;
import io.qonduit.simulator.StateVectorSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The circuit model from Java: fluent builder with handles, user gates, parameters, text I/O and a run. */
class CircuitBuilderJavaTest {
    private final Parameter theta = new Parameter("theta");
    private final QuantumRegister q = new QuantumRegister("q", 2);
    private final ClassicalRegister c = new ClassicalRegister("c", 2);

    private Circuit bell() {
        return Circuit.builder()
                .declare(q, c)
                .h(q.get(0))
                .cx(q.get(0), q.get(1))
                .rz(theta.times(2), q.get(1))
                .measure(q, c)
                .ifEquals(c, 3, b -> b.x(q.get(0)))
                .build();
    }

    @Test
    void buildsTheSameCircuitAsTheKotlinDsl() {
        Circuit bell = bell();
        assertEquals(List.of("theta"), bell.getParameterNames());
        assertEquals(OpenQasm.parse(bell.toQasm3()), bell);
        assertEquals(OpenQasm.parse(bell.toQasm2()), bell);
        assertTrue(bell.toQasm3().contains("if (c == 3) { x q[0]; }"), bell.toQasm3());
        assertEquals(Bindings.sweep("theta", 0.0, Math.PI), theta.bind(0.0, Math.PI));
    }

    @Test
    void definesAndAppliesUserGates() {
        GateBodyBuilder body = GateDefinition.builder("rzx", 2, theta);
        Qubit a = body.qubit(0);
        Qubit b = body.qubit(1);
        GateDefinition rzx = body.h(b).cx(a, b).rz(theta, b).cx(a, b).h(b).build();
        Circuit circuit = Circuit.builder().declare(q).gate(rzx, List.of(Angle.PI.div(2)), q.get(0), q.get(1)).build();
        assertEquals(List.of(rzx), circuit.getGateDefinitions());
        assertEquals(OpenQasm.parse(circuit.toQasm3()), circuit);
    }

    @Test
    void runsOnTheSimulatorWithABinding() {
        Circuit bell = bell();
        SimulationResult result = new StateVectorSimulator(3L).run(bell, 100, Map.of("theta", 0.7));
        // Bell outcomes 00 and 11; the condition flips q[0] after measurement, which the counts do not see.
        assertEquals(Map.of("00", result.getCounts().get("c").get("00"), "11", result.getCounts().get("c").get("11")),
                result.getCounts().get("c"));
        IllegalArgumentException unbound =
                assertThrows(IllegalArgumentException.class, () -> new StateVectorSimulator().run(bell, 10));
        assertTrue(unbound.getMessage().contains("'theta'"), unbound.getMessage());
    }

    @Test
    void refusesMistakesWhenBuilding() {
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class, () -> q.get(2));
        assertEquals("index 2 is out of range for register 'q' of size 2", index.getMessage());
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class, () -> Circuit.builder().declare(q).x(new QuantumRegister("r", 1).get(0)));
        assertTrue(unknown.getMessage().contains("unknown register 'r'"), unknown.getMessage());
        IllegalArgumentException twice = assertThrows(
                IllegalArgumentException.class, () -> Circuit.builder().declare(q).cx(q.get(1), q.get(1)));
        assertTrue(twice.getMessage().contains("same qubit q[1] twice"), twice.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> Circuit.builder().declare(q, c).ifEquals(c.get(0), 1, b -> b.x(q.get(0))).build().toQasm2());
    }
}
