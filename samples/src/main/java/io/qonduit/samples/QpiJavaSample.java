package io.qonduit.samples;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.job.ResultItem;
import io.qonduit.job.RunOptions;
import io.qonduit.qpi.QpiBackend;
import io.qonduit.qpi.QpiClient;
import io.qonduit.transport.Secret;

import java.time.Duration;

/** The README's QPI example from Java (between the README markers): a Bell pair on a QPI QPU. */
public final class QpiJavaSample {
    private QpiJavaSample() {
    }

    public static void main(String[] args) throws Exception {
        // README:begin
        QuantumRegister q = new QuantumRegister("q", 2);
        ClassicalRegister c = new ClassicalRegister("c", 2);
        Circuit bell = Circuit.builder().declare(q, c).h(q.get(0)).cx(q.get(0), q.get(1)).measure(q, c).build();

        // The loopback emulator here; in production your QPI URL and API token.
        try (Emulator emulator = Emulator.start();
             QpiClient qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN))) {
            QpiBackend qpu = qpi.backendAsync(QpiEmulatorState.MOCK_QPU).get();
            ResultItem item = qpu.runAsync(bell, RunOptions.builder().shots(1000).build()).get()
                    .executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0);
            System.out.println("qpi " + item.counts("c"));
        }
        // README:end
    }
}
