package io.qonduit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.local.LocalBackend;
import io.qonduit.testing.Circuits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    void theSwitchIsReadableFromJava() {
        assertEquals(ProgressDisplay.OFF, ProgressDisplay.parse("OFF"));
        assertEquals("qonduit.progress", ProgressDisplay.PROPERTY);
    }
}
