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
        // rx(0) after a Bell pair leaves 00/11; rx(pi) on q[1] flips it to 01/10.
        assertTrue(text.matches("(?s).*local \\{theta=0.0} \\{00=\\d+, 11=\\d+}.*"), text);
        assertTrue(text.matches("(?s).*local \\{theta=3.141592653589793} \\{01=\\d+, 10=\\d+}.*"), text);
        assertTrue(text.contains("qpi state COMPLETED"), text);
        assertTrue(text.matches("(?s).*qpi \\{01=\\d+, 10=\\d+}.*"), text);
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
