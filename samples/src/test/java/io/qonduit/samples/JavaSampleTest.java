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

    /** Runs a sample's main and returns what it printed (also echoed, for the test log). */
    private static String printedBy(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        original.print(buffer);
        return buffer.toString();
    }

    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    // The README's per-provider Java examples: a Bell pair gives only 00 and 11 (1000 shots in all).

    @Test
    void qpiJavaSampleRunsABellPair() throws Exception {
        String text = printedBy(QpiJavaSample::main);
        assertTrue(text.matches("(?s).*qpi \\{00=\\d+, 11=\\d+}\\s*"), text);
    }

    @Test
    void oqcJavaSampleRunsABellPair() throws Exception {
        String text = printedBy(OqcJavaSample::main);
        assertTrue(text.matches("(?s).*oqc \\S+ \\{00=\\d+, 11=\\d+}\\s*"), text);
    }

    @Test
    void oqtopusJavaSampleEstimatesZZ() throws Exception {
        // A Bell pair is an eigenstate of Z⊗Z with value 1: the emulator computes it exactly.
        String text = printedBy(OqtopusJavaSample::main);
        assertTrue(text.matches("(?s).*oqtopus <Z⊗Z> = 1\\.0\\s*"), text);
    }

    @Test
    void qiboJavaSampleRunsABellPair() throws Exception {
        String text = printedBy(QiboJavaSample::main);
        assertTrue(text.matches("(?s).*qibo \\{00=\\d+, 11=\\d+} frequencies \\{00=\\d+, 11=\\d+}\\s*"), text);
    }
}
