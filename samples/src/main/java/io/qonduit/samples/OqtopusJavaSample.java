package io.qonduit.samples;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.oqtopus.OqtopusEmulatorState;
import io.qonduit.job.ExpectationValue;
import io.qonduit.job.RunOptions;
import io.qonduit.oqtopus.OqtopusClient;
import io.qonduit.oqtopus.OqtopusConfig;
import io.qonduit.oqtopus.OqtopusOperator;
import io.qonduit.oqtopus.OqtopusOptions;
import io.qonduit.oqtopus.OqtopusPolling;
import io.qonduit.oqtopus.OqtopusTarget;
import io.qonduit.transport.Secret;

import java.time.Duration;
import java.util.List;

/** The README's OQTOPUS example from Java (between the README markers): ⟨Z⊗Z⟩ estimated on a Bell pair. */
public final class OqtopusJavaSample {
    private OqtopusJavaSample() {
    }

    public static void main(String[] args) throws Exception {
        // README:begin
        QuantumRegister q = new QuantumRegister("q", 2);
        ClassicalRegister c = new ClassicalRegister("c", 2);
        Circuit bell = Circuit.builder().declare(q, c).h(q.get(0)).cx(q.get(0), q.get(1)).measure(q, c).build();

        // The loopback emulator here; in production OqtopusConfig.load() reads env or ~/.config/oqtopus/config.ini.
        try (Emulator emulator = Emulator.start();
             OqtopusClient oqtopus = OqtopusClient.create(OqtopusConfig.of(emulator.url("oqtopus"), Secret.of(OqtopusEmulatorState.DEMO_TOKEN)))) {
            // The emulator is fast; the Python client's default polls every second.
            OqtopusTarget target = oqtopus.target(OqtopusEmulatorState.SVSIM, new OqtopusPolling(Duration.ofMillis(50)));
            RunOptions options = RunOptions.builder().shots(1000)
                    .provider(OqtopusOptions.builder().operators(List.of(new OqtopusOperator("Z 0 Z 1", 1.0))).build()).build();
            ExpectationValue zz = target.runAsync(bell, options).get()
                    .executeAsync(Duration.ofSeconds(30)).get().raiseForError().items().get(0).getExpectationValues().get(0);
            System.out.println("oqtopus <Z⊗Z> = " + zz.getValue());
        }
        // README:end
    }
}
