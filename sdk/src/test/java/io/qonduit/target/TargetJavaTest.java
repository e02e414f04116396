package io.qonduit.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.qonduit.Qonduit;
import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.Parameter;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.job.JobLike;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.ResultItem;
import io.qonduit.job.RunItem;
import io.qonduit.job.RunOptions;
import io.qonduit.program.Bindings;
import io.qonduit.qpi.QpiClient;
import io.qonduit.transport.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Portable targets from Java: the same builder circuit and sweep on the local simulator and on QPI over HTTP. */
class TargetJavaTest {
    private static final Parameter THETA = new Parameter("theta");
    private static final QuantumRegister Q = new QuantumRegister("q", 1);
    private static final ClassicalRegister C = new ClassicalRegister("c", 1);
    private static final Circuit ROTATION = Circuit.builder().declare(Q, C).rx(THETA, Q.get(0)).measure(Q, C).build();

    private static void sweepOn(Target target) throws Exception {
        RunOptions options = RunOptions.builder().shots(100).build();
        JobLike job = target.runAsync(ROTATION, THETA.bind(0.0, Math.PI), options).get();
        JobOutputProxy outputs = job.executeAsync(Duration.ofSeconds(20)).get().raiseForError();
        List<ResultItem> items = outputs.items();
        assertEquals(2, items.size(), target.getProvider());
        assertEquals(Map.of("theta", 0.0), items.get(0).getBinding());
        assertEquals(Map.of("0", 100L), items.get(0).counts("c"));
        assertEquals(Map.of("theta", Math.PI), items.get(1).getBinding());
        assertEquals(Map.of("1", 100L), items.get(1).counts("c"));
        assertSame(ROTATION, items.get(1).getProgram());

        JobLike two = target.runAsync(List.of(new RunItem(ROTATION, 10, Bindings.sweep("theta", Math.PI))), RunOptions.DEFAULT).get();
        assertEquals(List.of(Map.of("1", 10L)), two.executeAsync(Duration.ofSeconds(20)).get().counts("c"));
    }

    @Test
    void theDefaultTargetIsTheEmbeddedSimulator() throws Exception {
        Target target = Qonduit.defaultTargetAsync().get();
        assertSame(Qonduit.local(), target);
        sweepOn(target);
    }

    @Test
    void aQpiQpuRunsTheSameCode() throws Exception {
        try (Emulator emulator = Emulator.start();
             QpiClient qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN))) {
            sweepOn(qpi.backendAsync(QpiEmulatorState.MOCK_QPU).get());
        }
    }
}
