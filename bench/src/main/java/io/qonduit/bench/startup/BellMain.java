package io.qonduit.bench.startup;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.CircuitBuilder;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.JobResult;
import io.qonduit.local.LocalBackend;
import java.time.Duration;
import java.util.List;

/**
 * Issue 14, item 5: the Bell sample's work as a plain {@code java -cp} main (the same two circuits,
 * Bell and GHZ-3, 500 shots on the local simulator, seed 1, counts printed), so {@code bench/run}
 * can time launch to printed counts without a script compiler in the way.
 */
public final class BellMain {
    private BellMain() {}

    public static void main(String[] args) throws Exception {
        try (LocalBackend local = new LocalBackend(1L)) {
            JobOutputProxy outputs = local.createJobs(List.of(ghz(2), ghz(3)), 500)
                    .executeAsync(Duration.ofSeconds(30)).get().raiseForError();
            for (JobResult item : outputs.resultList()) System.out.println(item.counts("c"));
        }
    }

    /** GHZ on {@code n} qubits; for n = 2 the Bell circuit the script builds. */
    private static Circuit ghz(int n) {
        QuantumRegister q = new QuantumRegister("q", n);
        ClassicalRegister c = new ClassicalRegister("c", n);
        CircuitBuilder builder = Circuit.builder().declare(q, c).h(q.get(0));
        for (int i = 1; i < n; i++) builder.cx(q.get(i - 1), q.get(i));
        return builder.measure(q, c).build();
    }
}
