package io.qonduit.dsl.oqtant;

import static io.qonduit.dsl.units.Units.kHz;
import static io.qonduit.dsl.units.Units.ms;
import static io.qonduit.dsl.units.Units.um;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.Qonduit;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InTrapOutput;
import io.qonduit.oqtant.model.JobStatus;
import io.qonduit.oqtant.model.OqtantJob;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Java-built experiment on the local Oqtant target. */
class LocalSimulatorTest {
    @Test
    void barrierExperimentRunsInProcess() throws Exception {
        QuantumMatter matter = new QuantumMatterBuilder("java barrier")
                .lifetimeMs(ms(2))
                .image(ImageType.IN_TRAP)
                .barrier(new BarrierBuilder().at(ms(0), um(0), kHz(0), um(1.5)).evolve(ms(2), um(0), kHz(20)))
                .build();
        OqtantJob done = Qonduit.oqtantSimulator().runAsync(matter.toJob()).get(120, TimeUnit.SECONDS);
        assertEquals(JobStatus.COMPLETE, done.getStatus());
        InTrapOutput out = assertInstanceOf(InTrapOutput.class, done.getInputs().get(0).getOutput().getValues());
        assertEquals(512, out.getItPlot().getColumns());
        double centre = 0;
        double side = 0;
        for (int row = 0; row < 148; row++) {
            centre += out.getItPlot().getPixels()[row * 512 + 256];
            side += out.getItPlot().getPixels()[row * 512 + 276];
        }
        assertTrue(centre < 0.1 * side, "centre " + centre + " side " + side);
    }
}
