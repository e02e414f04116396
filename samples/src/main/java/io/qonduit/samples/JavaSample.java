package io.qonduit.samples;

import io.qonduit.Qonduit;
import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.Parameter;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.job.CompositeJob;
import io.qonduit.job.Job;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.JobState;
import io.qonduit.job.ResultItem;
import io.qonduit.job.RunItem;
import io.qonduit.job.RunOptions;
import io.qonduit.qpi.QpiBackend;
import io.qonduit.qpi.QpiClient;
import io.qonduit.target.Target;
import io.qonduit.transport.Secret;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Qonduit from Java, and the README's Java example word for word between the README markers: a
 * builder circuit swept on the default target, a composite on the embedded simulator, then the same
 * circuit on an emulated QPI cloud over HTTP with a Flow.Publisher of job states.
 */
public final class JavaSample {
    private JavaSample() {
    }

    public static void main(String[] args) throws Exception {
        // README:begin
        Parameter theta = new Parameter("theta");
        QuantumRegister q = new QuantumRegister("q", 2);
        ClassicalRegister c = new ClassicalRegister("c", 2);
        Circuit circuit = Circuit.builder().declare(q, c)
                .h(q.get(0)).cx(q.get(0), q.get(1)).rx(theta, q.get(1)).measure(q, c)
                .build();
        RunOptions options = RunOptions.builder().shots(1000).build();

        Target target = Qonduit.defaultTargetAsync().get();   // the embedded simulator
        JobOutputProxy sweep = target.runAsync(circuit, theta.bind(0.0, Math.PI), options).get()
                .executeAsync(Duration.ofSeconds(30)).get().raiseForError();
        for (ResultItem item : sweep.items()) {
            System.out.println("local " + item.getBinding() + " " + item.counts("c"));
        }

        CompositeJob composite = Qonduit.local().createJobs(List.of(Circuits.BELL, Circuits.ghz(4)), 1000);
        composite.progressPublisher().subscribe(new Printer<>("progress"));
        composite.executeAsync(Duration.ofSeconds(30)).get().raiseForError();

        try (Emulator emulator = Emulator.start();
             QpiClient qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN))) {
            QpiBackend cloud = qpi.backendAsync(QpiEmulatorState.MOCK_QPU).get();   // same code, over HTTP
            Job job = cloud.create(List.of(new RunItem(circuit, null, theta.bind(Math.PI))), options, null);
            job.statesPublisher().subscribe(new Printer<JobState>("qpi state"));
            System.out.println("qpi " + job.executeAsync(Duration.ofSeconds(30)).get().items().get(0).counts("c"));
        }
        // README:end
    }

    /** Prints every item a publisher sends. */
    private static final class Printer<T> implements Flow.Subscriber<T> {
        private final String label;

        Printer(String label) {
            this.label = label;
        }

        @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
        @Override public void onNext(T item) { System.out.println(label + " " + item); }
        @Override public void onError(Throwable t) { t.printStackTrace(); }
        @Override public void onComplete() { }
    }
}
