package io.qonduit.job;

import io.qonduit.testing.Circuits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.errors.ValidationException;
import io.qonduit.local.LocalBackend;
import io.qonduit.program.Program;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Java forms of the job model's Kotlin-typed members: JSON as text, java.time durations and a
 * publisher for the status flow.
 */
class JobJavaTypesTest {
    static final Program BELL = Circuits.BELL;
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    /** Collects a publisher's items; [awaitDone] fails unless it completes normally. */
    static final class Collector<T> implements Flow.Subscriber<T> {
        final List<T> items = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable error;

        @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }
        @Override public void onNext(T item) { items.add(item); first.countDown(); }
        @Override public void onError(Throwable throwable) { error = throwable; done.countDown(); }
        @Override public void onComplete() { done.countDown(); }

        void awaitFirst() throws InterruptedException { assertTrue(first.await(5, TimeUnit.SECONDS), "no first item"); }
        void awaitDone() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS), "publisher did not complete");
            assertNull(error);
        }
    }

    @Test
    void statusPublisherSendsEveryStatusThenCompletes() throws Exception {
        try (LocalBackend slow = new LocalBackend(3L, Duration.ofMillis(100), Duration.ofMillis(150))) {
            Job job = new Job(slow, new JobInput(BELL, LocalBackend.DEVICE), false, PollCadence.ofMillis(10));
            Collector<JobStatus> statuses = new Collector<>();
            job.statusPublisher().subscribe(statuses);
            statuses.awaitFirst();
            job.executeAsync(TEN_SECONDS).get();
            statuses.awaitDone();
            List<JobState> seen = statuses.items.stream().map(JobStatus::getState).distinct().toList();
            assertEquals(List.of(JobState.CREATED, JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED), seen);
            JobStatus last = statuses.items.get(statuses.items.size() - 1);
            assertEquals(job.getTaskId(), last.getTaskId());
        }
    }

    @Test
    void diagnosticsAreJsonText() throws Exception {
        try (LocalBackend local = new LocalBackend(7L)) {
            Job plain = new Job(local, new JobInput(BELL, LocalBackend.DEVICE));
            plain.executeAsync(TEN_SECONDS).get();
            assertNull(plain.getTimingsJson());
            assertNull(plain.getMetricsJson());
            assertNull(plain.getMetadataJson());

            Job job = new Job(local, new JobInput(BELL, LocalBackend.DEVICE), true);
            job.executeAsync(TEN_SECONDS).get();
            Diagnostics diagnostics = job.getDiagnostics();
            assertNotNull(diagnostics);
            assertTrue(diagnostics.getTimingsJson().startsWith("{\"QUEUED\":\""), diagnostics.getTimingsJson());
            assertTrue(diagnostics.getTimingsJson().contains("\"FINISHED\":\""), diagnostics.getTimingsJson());
            assertTrue(diagnostics.getMetricsJson().contains("\"simulation_ms\":"), diagnostics.getMetricsJson());
            assertTrue(diagnostics.getMetadataJson().contains("\"backend\":\"local\""), diagnostics.getMetadataJson());
            assertEquals(diagnostics.getTimingsJson(), job.getTimingsJson());
            assertEquals(diagnostics.getMetricsJson(), job.getMetricsJson());
            assertEquals(diagnostics.getMetadataJson(), job.getMetadataJson());
        }
    }

    @Test
    void pollCadenceFromJavaDurations() {
        PollCadence cadence = PollCadence.of(List.of(Duration.ofMillis(5), Duration.ofSeconds(2)));
        assertEquals(5L, cadence.delayMillis(0));
        assertEquals(2000L, cadence.delayMillis(9));
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofSeconds(2)), cadence.javaDelays());
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600),
                Duration.ofMillis(3200), Duration.ofMillis(6400), Duration.ofSeconds(10)), PollCadence.OQC.javaDelays());
        assertThrows(IllegalArgumentException.class, () -> PollCadence.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PollCadence.of(List.of(Duration.ofMillis(5), Duration.ZERO)));
    }

    @Test
    void rawRunOptionsAreJsonText() {
        RunOptions options = RunOptions.builder().shots(10).rawJson("{\"noise\": {\"p\": 0.01}}").build();
        assertEquals("{\"noise\":{\"p\":0.01}}", options.getRawJson());
        assertEquals(options.getRawJson(), options.toBuilder().build().getRawJson());
        assertEquals("{}", RunOptions.DEFAULT.getRawJson());
        assertThrows(ValidationException.class, () -> RunOptions.builder().rawJson("[1, 2]"));
        assertThrows(ValidationException.class, () -> RunOptions.builder().rawJson("{not json"));
    }
}
