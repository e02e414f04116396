package io.qonduit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.local.LocalBackend;
import io.qonduit.matter.MatterProgress;
import io.qonduit.matter.MatterStage;
import io.qonduit.oqtant.OqtantSimulator;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InputValues;
import io.qonduit.oqtant.model.JobStatus;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.RfEvaporation;
import io.qonduit.oqtant.model.RfInterpolationType;
import io.qonduit.testing.Circuits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ConsoleProgress as a Java user calls it: a composite's track publisher shown as plain lines. */
class ConsoleProgressJavaTest {
    @Test
    void showsATrackedCompositeAsPlainLines() throws Exception {
        try (LocalBackend local = new LocalBackend(7L)) {
            CompositeJob composite = local.createJobs(List.of(Circuits.BELL, Circuits.BELL));
            composite.submitAsync().get(10, TimeUnit.SECONDS);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Progress last = ConsoleProgress.showAsync(composite.trackPublisher(), "bells", ProgressDisplay.LINES, out)
                .get(10, TimeUnit.SECONDS);
            assertEquals(2, last.count(JobState.COMPLETED));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("bells: "), text);
            assertTrue(text.strip().endsWith("bells: 2/2 done (COMPLETED=2)"), text);
        }
    }

    @Test
    void showsSimulationStepsFromAPublisher() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CompletableFuture<?> shown;
        try (SubmissionPublisher<MatterProgress> steps = new SubmissionPublisher<>()) {
            shown = ConsoleProgress.showSimulationAsync(steps, "java sim", ProgressDisplay.LINES, out);
            // Subscription happens on another thread: wait for it so no step is dropped.
            while (steps.getNumberOfSubscribers() == 0) Thread.sleep(5);
            steps.submit(new MatterProgress.Step(MatterStage.IN_TRAP, 0.0, 2.0));
            steps.submit(new MatterProgress.Step(MatterStage.IN_TRAP, 1.0, 2.0));
        }
        assertNull(shown.get(10, TimeUnit.SECONDS)); // no Done event, so no result
        assertEquals(List.of("java sim: IN_TRAP 0% of 2.0 ms", "java sim: IN_TRAP 50% of 2.0 ms"),
            bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void showsALocalOqtantSimulationFromAPublisher() throws Exception {
        RfEvaporation rf = new RfEvaporation(List.of(-1600, -1200, -800, -400, 0), List.of(17.0, 8.0, 4.0, 1.2, 0.1),
            List.of(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR);
        OqtantJob job = OqtantJob.of("java local", new InputValues(0.0, ImageType.TIME_OF_FLIGHT, 3.0, rf));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OqtantJob done = ConsoleProgress.showOqtantSimulationAsync(new OqtantSimulator().simulatePublisher(job), "java oqtant",
            ProgressDisplay.LINES, out).get(60, TimeUnit.SECONDS);
        assertEquals(JobStatus.COMPLETE, done.getStatus());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("java oqtant: run 1/1 "), text);
        assertTrue(text.strip().endsWith("java oqtant: done"), text);
    }

    @Test
    void theSwitchIsReadableFromJava() {
        assertEquals(ProgressDisplay.OFF, ProgressDisplay.parse("OFF"));
        assertEquals("qonduit.progress", ProgressDisplay.PROPERTY);
    }
}
