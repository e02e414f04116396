package io.qonduit.samples;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.oqc.OqcEmulatorState;
import io.qonduit.job.Job;
import io.qonduit.job.ResultItem;
import io.qonduit.oqc.OqcSdk;
import io.qonduit.oqc.config.CompilerConfig;
import io.qonduit.transport.Secret;

import java.time.Duration;

/** The README's OQC example from Java (between the README markers): a Bell pair on an OQC QPU. */
public final class OqcJavaSample {
    private OqcJavaSample() {
    }

    public static void main(String[] args) throws Exception {
        // README:begin
        QuantumRegister q = new QuantumRegister("q", 2);
        ClassicalRegister c = new ClassicalRegister("c", 2);
        Circuit bell = Circuit.builder().declare(q, c).h(q.get(0)).cx(q.get(0), q.get(1)).measure(q, c).build();

        // The loopback emulator here; in production OQC's URL and your token.
        try (Emulator emulator = Emulator.start();
             OqcSdk oqc = OqcSdk.builder(emulator.url("oqc"))
                     .token(Secret.of(OqcEmulatorState.DEMO_TOKEN))
                     .build()) {
            oqc.openAsync().get();
            Job job = oqc.createJob(bell, OqcEmulatorState.TOSHIKO, CompilerConfig.builder().shots(1000).build());
            ResultItem item = job.executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0);
            System.out.println("oqc " + job.getDevice() + " " + item.counts("c"));
        }
        // README:end
    }
}
