package io.qonduit.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.OpenQasm;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The cancelled callback of run() from Java: a lambda over a flag another thread may set. */
class SimulatorCancelJavaTest {
    private static final String BELL =
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    @Test
    void aRaisedFlagStopsTheRunWithCancellationException() {
        Circuit bell = OpenQasm.parse(BELL);
        AtomicBoolean stop = new AtomicBoolean(true);
        CancellationException e = assertThrows(CancellationException.class,
                () -> new StateVectorSimulator(1L).run(bell, 100, Map.of(), stop::get));
        assertEquals("simulation cancelled", e.getMessage());
        stop.set(false);
        assertEquals(100, new StateVectorSimulator(1L).run(bell, 100, Map.of(), stop::get).getShots());
    }
}
