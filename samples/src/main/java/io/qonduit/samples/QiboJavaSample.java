package io.qonduit.samples;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qibo.QiboEmulatorState;
import io.qonduit.job.Job;
import io.qonduit.job.ResultItem;
import io.qonduit.qibo.QiboClient;
import io.qonduit.qibo.QiboResult;
import io.qonduit.transport.Secret;

import java.time.Duration;

/** The README's Qibo example from Java (between the README markers): a Bell pair on the Qibo cloud. */
public final class QiboJavaSample {
    private QiboJavaSample() {
    }

    public static void main(String[] args) throws Exception {
        // README:begin
        QuantumRegister q = new QuantumRegister("q", 2);
        ClassicalRegister c = new ClassicalRegister("c", 2);
        Circuit bell = Circuit.builder().declare(q, c).h(q.get(0)).cx(q.get(0), q.get(1)).measure(q, c).build();

        // The loopback emulator here; in production the Qibo cloud's URL and your token.
        try (Emulator emulator = Emulator.start();
             QiboClient qibo = QiboClient.builder(emulator.url("qibo"), Secret.of(QiboEmulatorState.DEMO_TOKEN))
                     .pollInterval(Duration.ofMillis(50))   // the emulator is fast; qibo-client waits 0.5 s
                     .build()) {
            Job job = qibo.runCircuitAsync(bell, QiboEmulatorState.SIM, "personal", 1000, false).get();
            ResultItem item = job.executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0);
            System.out.println("qibo " + item.counts("c") + " frequencies " + item.extras(QiboResult.class).getFrequencies());
        }
        // README:end
    }
}
