package io.qonduit.samples;

import io.qonduit.dsl.oqtant.BarrierBuilder;
import io.qonduit.dsl.oqtant.QuantumMatterBuilder;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.oqtant.OqtantEmulatorState;
import io.qonduit.job.Job;
import io.qonduit.job.JobResult;
import io.qonduit.oqtant.OqtantClient;
import io.qonduit.oqtant.OqtantResults;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InTrapOutput;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.Output;
import io.qonduit.transport.Secret;

import java.time.Duration;

/**
 * An Oqtant barrier experiment from Java: built with the DSL's Java builders, run on the emulated
 * service as a Qonduit job through futures, and its in-trap image read back. The README's Oqtant
 * Java example, between the README markers.
 */
public final class OqtantJavaSample {
    private OqtantJavaSample() {
    }

    public static void main(String[] args) throws Exception {
        // README:begin
        OqtantJob experiment = new QuantumMatterBuilder("java barrier")
                .lifetimeMs(10.0)
                .image(ImageType.IN_TRAP)
                .barrier(new BarrierBuilder()
                        .at(0.0, 0.0, 0.0, 2.0)
                        .evolve(10.0, null, 25.0, null))
                .build()
                .toJob();

        try (Emulator emulator = Emulator.start();
             OqtantClient oqtant = OqtantClient.create(Secret.of(OqtantEmulatorState.DEMO_TOKEN), emulator.url("oqtant"))) {
            Job job = oqtant.createJob(experiment);
            JobResult result = job.executeAsync(Duration.ofSeconds(30)).get().raiseForError().resultList().get(0);
            Output output = OqtantResults.oqtantOutputs(result).get(0);
            InTrapOutput inTrap = (InTrapOutput) output.getValues();
            System.out.println("oqtant " + job.getState() + " image " + inTrap.getItPlot().getRows() + "x" + inTrap.getItPlot().getColumns());
        }
        // README:end
    }
}
