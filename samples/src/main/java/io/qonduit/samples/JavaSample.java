package io.qonduit.samples;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.qpi.QpiEmulatorState;
import io.qonduit.job.CompositeJob;
import io.qonduit.job.Job;
import io.qonduit.job.RunItem;
import io.qonduit.job.JobOutputProxy;
import io.qonduit.job.JobResult;
import io.qonduit.job.JobState;
import io.qonduit.job.RunOptions;
import io.qonduit.local.LocalBackend;
import io.qonduit.qpi.QpiBackend;
import io.qonduit.qpi.QpiClient;
import io.qonduit.transport.Secret;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Qonduit from Java: a composite on the embedded simulator, then a Bell circuit on an emulated QPI
 * cloud over HTTP, with futures and a Flow.Publisher of job states.
 */
public final class JavaSample {
    private JavaSample() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalBackend local = new LocalBackend(7L)) {
            CompositeJob composite = local.createJobs(List.of(Circuits.BELL, Circuits.ghz(4)), 1000);
            JobOutputProxy outputs = composite.executeAsync(Duration.ofSeconds(30)).get();
            for (JobResult result : outputs.raiseForError().resultList()) {
                System.out.println("local " + result.getItem().getCounts());
            }
        }

        try (Emulator emulator = Emulator.start();
             QpiClient qpi = QpiClient.create(emulator.url("qpi"), Secret.of(QpiEmulatorState.DEMO_TOKEN))) {
            QpiBackend backend = qpi.backendAsync(QpiEmulatorState.MOCK_QPU).get();
            Job job = backend.create(List.of(new RunItem(Circuits.BELL)), RunOptions.DEFAULT, null);
            job.statesPublisher().subscribe(new Flow.Subscriber<JobState>() {
                @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
                @Override public void onNext(JobState state) { System.out.println("qpi state " + state); }
                @Override public void onError(Throwable t) { t.printStackTrace(); }
                @Override public void onComplete() { }
            });
            JobOutputProxy outputs = job.executeAsync(Duration.ofSeconds(30)).get();
            System.out.println("qpi " + outputs.raiseForError().resultList().get(0).counts("c"));
        }
    }
}
