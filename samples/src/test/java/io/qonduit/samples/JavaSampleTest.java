package io.qonduit.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaSampleTest {
    @Test
    void javaSampleRunsLocallyAndAgainstTheEmulatedCloud() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        try {
            JavaSample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString();
        original.print(text);
        assertTrue(text.contains("local {c={00="), text);
        assertTrue(text.contains("qpi state COMPLETED"), text);
        assertTrue(text.matches("(?s).*qpi \\{00=\\d+, 11=\\d+}.*"), text);
    }

    @Test
    void oqtantJavaSampleRunsABarrierExperiment() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        try {
            OqtantJavaSample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String text = buffer.toString();
        original.print(text);
        assertTrue(text.contains("oqtant COMPLETED image 148x503"), text);
    }
}
