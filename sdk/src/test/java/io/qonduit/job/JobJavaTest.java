package io.qonduit.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.circuit.Circuit;
import io.qonduit.circuit.ClassicalRegister;
import io.qonduit.circuit.QuantumRegister;
import io.qonduit.local.LocalBackend;
import io.qonduit.testing.Circuits;
import io.qonduit.program.Bindings;
import io.qonduit.program.OpenQasmProgram;
import io.qonduit.program.Program;
import io.qonduit.testing.ScriptedBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java entry point of the job model, called as a Java user would: no Companion, no $default. */
class JobJavaTest {
    static final QuantumRegister Q = new QuantumRegister("q", 2);
    static final ClassicalRegister C = new ClassicalRegister("c", 2);
    static final Program BELL = Circuit.builder().declare(Q, C).h(Q.get(0)).cx(Q.get(0), Q.get(1)).measure(Q, C).build();
    /** x on qubit 0 of 2: big-endian "10", little-endian "01". */
    static final Program X0 = Circuit.builder().declare(Q, C).x(Q.get(0)).measure(Q, C).build();
    /** OpenQASM with an unknown gate: the text is the point. */
    static final Program BROKEN = OpenQasmProgram.of(String.join("\n",
            "OPENQASM 2.0;", "include \"qelib1.inc\";", "qreg q[2];", "creg c[2];", "foo q[0];"));
    /** rx(theta) on one qubit: a parameter to bind. */
    static final Program ROTATION = Circuits.ROTATION;
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    static LocalBackend local;

    @BeforeAll
    static void start() {
        local = new LocalBackend(7L);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** Collects everything a publisher sends, and whether it completed. */
    static final class Recorder<T> implements Flow.Subscriber<T> {
        final List<T> items = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable error;
        volatile boolean completed;

        @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }
        @Override public void onNext(T item) { items.add(item); first.countDown(); }
        @Override public void onError(Throwable throwable) { error = throwable; done.countDown(); }
        @Override public void onComplete() { completed = true; done.countDown(); }

        void awaitFirst() throws InterruptedException { assertTrue(first.await(5, TimeUnit.SECONDS), "no first item"); }
        void awaitDone() throws InterruptedException {
            assertTrue(done.await(10, TimeUnit.SECONDS), "publisher did not finish");
            assertNull(error);
            assertTrue(completed);
        }
    }

    static Throwable causeOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void createJobOverloadsAndExecute() throws Exception {
        Job plain = local.createJob(BELL);
        Job shots = local.createJob(BELL, 100);
        Job params = local.createJob(ROTATION, 100, Bindings.sweep("theta", 0.0, Math.PI));
        Job tagged = local.createJob(X0, 10, Bindings.NONE, "mine");
        Job diagnosed = local.createJob(X0, 10, Bindings.NONE, null, true);

        assertEquals(JobState.CREATED, plain.getState());
        assertEquals(LocalBackend.DEVICE, plain.getDevice());
        assertEquals("mine", tagged.getTag());
        assertEquals(100, params.getOptions().getShots());
        List<ResultItem> swept = params.executeAsync(TEN_SECONDS).get().items();
        assertEquals(2, swept.size());
        assertEquals(Map.of("theta", Math.PI), swept.get(1).getBinding());
        assertEquals(Map.of("0", 100L), swept.get(0).counts("c"));
        assertEquals(Map.of("1", 100L), swept.get(1).counts("c"));

        JobOutputProxy out = plain.executeAsync().get(10, TimeUnit.SECONDS);
        assertEquals((long) LocalBackend.DEFAULT_SHOTS, out.resultList().get(0).counts("c").values().stream().mapToLong(i -> i).sum());
        assertEquals(100L, shots.executeAsync(TEN_SECONDS).get().resultList().get(0).counts("c").values().stream().mapToLong(i -> i).sum());
        assertEquals(Map.of("10", 10L), tagged.executeAsync(TEN_SECONDS).get().resultList().get(0).counts("c"));

        diagnosed.executeAsync(TEN_SECONDS).get();
        assertTrue(diagnosed.getFetchDiagnostics());
        assertNotNull(diagnosed.getDiagnostics());
        assertTrue(diagnosed.getMetadataJson().contains("\"backend\":\"local\""), diagnosed.getMetadataJson());
    }

    @Test
    void submitRefreshAndWait() throws Exception {
        Job job = local.createJob(BELL, 50);
        assertSame(job, job.submitAsync().get());
        assertNotNull(job.getTaskId());
        assertTrue(job.isActive());
        assertSame(job, job.refreshAsync().get());
        assertEquals(JobState.COMPLETED, job.waitAsync(TEN_SECONDS).get().getState());
        assertTrue(job.getCompleted());
        assertEquals("COMPLETED", job.getRawStatus());

        Job other = local.createJob(BELL, 50);
        other.submitAsync(Duration.ofSeconds(5)).get();
        assertEquals(JobState.COMPLETED, other.waitAsync().get().getState());
        assertEquals(1, other.getOutputs().getSize());

        // Submitting twice is refused; the future carries the original exception.
        assertInstanceOf(IllegalStateException.class, causeOf(other.submitAsync()));
    }

    @Test
    void waitTimeoutFailsTheFutureWithTheTypedCause() throws Exception {
        try (LocalBackend slow = new LocalBackend(null, Duration.ofSeconds(5), Duration.ofMillis(20))) {
            Job job = slow.createJob(BELL);
            job.submitAsync().get();
            Throwable cause = causeOf(job.waitAsync(Duration.ofMillis(60)));
            JobTimeoutException timeout = assertInstanceOf(JobTimeoutException.class, cause);
            assertEquals("waiting for", timeout.getOperation());
            assertEquals(List.of(job.getTaskId()), timeout.getTaskIds());
            assertEquals(60L, timeout.getTimeoutMillis());
            assertEquals(List.of(JobState.QUEUED), timeout.getLastStates());
            assertTrue(cause.getMessage().contains(job.getTaskId()));

            assertInstanceOf(JobTimeoutException.class, causeOf(job.executeAsync(Duration.ofMillis(30))));
            job.cancelAsync().get();
        }
    }

    @Test
    void cancelAndCancelIfActive() throws Exception {
        try (LocalBackend slow = new LocalBackend(null, Duration.ofSeconds(5), Duration.ofMillis(20))) {
            Job job = slow.createJob(BELL);
            job.submitAsync().get();
            assertEquals(JobState.CANCELLED, job.cancelAsync().get().getState());
            assertInstanceOf(IllegalStateException.class, causeOf(job.cancelAsync()));
            assertEquals(JobState.CANCELLED, job.cancelIfActiveAsync().get().getState());
            assertTrue(job.getOutputs().isEmpty());

            Job fresh = slow.createJob(BELL);
            assertEquals(JobState.CREATED, fresh.cancelIfActiveAsync().get().getState());
            assertInstanceOf(IllegalStateException.class, causeOf(fresh.cancelAsync()));

            Job queued = slow.createJob(BELL);
            queued.submitAsync().get();
            assertEquals(JobState.CANCELLED, queued.cancelIfActiveAsync().get().getState());
        }
    }

    @Test
    void statesPublisherDeliversEveryStateInOrderThenCompletes() throws Exception {
        try (LocalBackend slow = new LocalBackend(3L, Duration.ofMillis(100), Duration.ofMillis(150))) {
            Job job = new Job(slow, new JobInput(BELL, LocalBackend.DEVICE), false, PollCadence.ofMillis(10));
            Recorder<JobState> states = new Recorder<>();
            job.statesPublisher().subscribe(states);
            states.awaitFirst();
            job.executeAsync(TEN_SECONDS).get();
            states.awaitDone();
            assertEquals(List.of(JobState.CREATED, JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED), states.items);
        }
    }

    @Test
    void trackPublisherWaitsForSubmissionAndEndsOnATerminalStatus() throws Exception {
        ScriptedBackend scripted = new ScriptedBackend();
        Job job = new Job(scripted, new JobInput(BELL, "dev"));
        Recorder<JobStatus> statuses = new Recorder<>();
        job.trackPublisher().subscribe(statuses);
        job.submitAsync().get();
        statuses.awaitDone();
        List<JobState> seen = statuses.items.stream().map(JobStatus::getState).toList();
        assertEquals(List.of(JobState.QUEUED, JobState.RUNNING, JobState.COMPLETED), seen.stream().distinct().toList());
        assertEquals("completed", statuses.items.get(statuses.items.size() - 1).getRawStatus());
        assertEquals(job.getTaskId(), statuses.items.get(0).getTaskId());
    }

    @Test
    void compositeJobFromJava() throws Exception {
        CompositeJob composite = local.createJobs(List.of(BELL, X0, BELL));
        assertEquals(3, composite.getJobs().size());
        assertEquals(CompositeJob.DEFAULT_MAX_CONCURRENCY, composite.getMaxConcurrency());

        Recorder<Progress> progress = new Recorder<>();
        composite.progressPublisher().subscribe(progress);
        progress.awaitFirst();
        JobOutputProxy outputs = composite.executeAsync(TEN_SECONDS).get();
        progress.awaitDone();
        assertEquals(3, progress.items.get(0).count(JobState.CREATED));
        Progress last = progress.items.get(progress.items.size() - 1);
        assertTrue(last.isDone());
        assertEquals(3, last.count(JobState.COMPLETED));

        assertEquals(3, outputs.getSize());
        assertTrue(composite.getCompleted());
        assertTrue(composite.getActiveJobs().isEmpty());
        assertEquals(3, composite.getCompletedJobs().size());
        assertTrue(composite.getFailedJobs().isEmpty());
        assertEquals(3, composite.getCurrentProgress().getDone());

        CompositeJob small = local.createJobs(List.of(X0), 20);
        small.submitAsync().get();
        assertEquals(1, small.getActiveJobs().size());
        assertSame(small, small.waitAsync().get());
        assertEquals(Map.of("10", 20L), small.getOutputs().resultList().get(0).counts("c"));

        CompositeJob again = new CompositeJob(List.of(local.createJob(BELL, 10)), 2);
        again.submitAsync(Duration.ofSeconds(5)).get();
        again.refreshAsync().get();
        again.waitAsync(TEN_SECONDS).get();
        again.cancelIfActiveAsync().get();
        again.cancelAsync().get();
        assertEquals(1, again.getCompletedJobs().size());
    }

    @Test
    void countsTablesInEitherEndianness() throws Exception {
        JobOutputProxy outputs = local.createJobs(List.of(X0, X0), 30).executeAsync(TEN_SECONDS).get();
        CountsTable big = outputs.countsTable("c");
        assertEquals(List.of("10"), big.getBitstrings());
        CountsTable little = outputs.countsTable("c", Endianness.LITTLE);
        assertEquals(List.of("01"), little.getBitstrings());
        assertArrayEquals(new long[] {2L}, little.getBits());
        assertArrayEquals(new long[] {30L, 30L}, little.column("01"));
        assertEquals(30L, little.get(1, "01"));
        assertEquals(0, outputs.like("1*", "c", Endianness.LITTLE).getColumns());
        assertEquals(1, outputs.like("*1", "c", Endianness.LITTLE).getColumns());
        assertEquals(1, outputs.like("1*", "c").getColumns());
        assertEquals(2L, Endianness.bits("01", Endianness.LITTLE));
        assertEquals(2L, Endianness.bits("10"));
    }

    @Test
    void failuresRaiseJobFailedException() throws Exception {
        Job job = local.createJob(BROKEN);
        JobOutputProxy outputs = job.executeAsync(TEN_SECONDS).get();
        assertEquals(JobState.FAILED, job.getState());
        JobFailedException e = assertThrows(JobFailedException.class, outputs::raiseForError);
        assertEquals(job.getTaskId(), e.getTaskId());
        assertTrue(e.getDetails().contains("foo"), e.getDetails());
        assertThrows(JobFailedException.class, job::raiseForStatus);
        assertEquals(1, outputs.errorList().size());

        Job scripted = new Job(ScriptedBackend.failing(7, "calibration expired"), new JobInput(BELL, "dev"));
        scripted.executeAsync(TEN_SECONDS).get();
        JobFailedException coded = assertThrows(JobFailedException.class, scripted::raiseForStatus);
        assertEquals(7, coded.getCode());
        assertEquals("calibration expired", coded.getDetails());
        assertEquals("calibration expired", scripted.getError().getMessage());
    }

    @Test
    void reconfigureOverloads() throws Exception {
        Job job = local.createJob(BELL, 20);
        job.executeAsync(TEN_SECONDS).get();
        JobOutput first = job.getOutputs().getLatest();

        assertSame(job, job.reconfigureAsync().get());
        assertEquals(JobState.CREATED, job.getState());
        assertNull(job.getTaskId());
        assertTrue(job.getOutputs().isEmpty());
        assertEquals(1, job.getHistory().getSize());

        job.reconfigureAsync(null, List.of(X0)).get();
        assertEquals(List.of(X0), job.getPrograms());
        job.reconfigureAsync(first).get();
        assertEquals(List.of(BELL), job.getPrograms());
        job.reconfigureAsync(first, null, null, null, "second").get();
        assertEquals("second", job.getTag());
        job.reconfigureAsync(null, null, LocalBackend.DEVICE).get();
        job.executeAsync(TEN_SECONDS).get();
        assertEquals(2, job.getHistory().getSize());
        assertEquals("second", job.getOutputs().getLatest().getInput().getTag());
    }

    @Test
    void pollCadences() throws Exception {
        PollCadence cadence = PollCadence.ofMillis(5, 10);
        assertEquals(5L, cadence.delayMillis(0));
        assertEquals(10L, cadence.delayMillis(9));
        assertEquals(7L, PollCadence.fixed(Duration.ofMillis(7)).delayMillis(3));
        assertEquals(200L, PollCadence.OQC.delayMillis(0));
        assertEquals(10_000L, PollCadence.OQC.delayMillis(100));
        assertThrows(IllegalArgumentException.class, () -> PollCadence.ofMillis());
        assertThrows(IllegalArgumentException.class, () -> PollCadence.ofMillis(0));

        ScriptedBackend scripted = new ScriptedBackend();
        Job custom = new Job(scripted, new JobInput(BELL, "dev"), false, cadence);
        assertSame(cadence, custom.getCadence());
        assertSame(scripted.getDefaultCadence(), new Job(scripted, new JobInput(BELL, "dev")).getCadence());
        custom.executeAsync(TEN_SECONDS).get();
        assertEquals(JobState.COMPLETED, custom.getState());
    }

    @Test
    void snapshotsFromJava(@TempDir Path dir) throws Exception {
        Job job = local.createJob(X0, 15, Bindings.NONE, "saved");
        job.executeAsync(TEN_SECONDS).get();
        Path file = dir.resolve("job.json");
        job.save(file);
        assertTrue(Files.readString(file).contains("\"schemaVersion\""));

        Job loaded = Job.load(file, local);
        assertEquals(job.getTaskId(), loaded.getTaskId());
        assertEquals(JobState.COMPLETED, loaded.getState());
        assertEquals("saved", loaded.getTag());
        assertEquals(Map.of("10", 15L), loaded.getOutputs().resultList().get(0).counts("c"));

        JobLike viaSnapshots = Snapshots.load(file, local);
        assertEquals(job.getTaskId(), assertInstanceOf(Job.class, viaSnapshots).getTaskId());
        JobLike viaResolver = Snapshots.load(file, provider -> LocalBackend.PROVIDER.equals(provider) ? local : null);
        assertTrue(viaResolver.getCompleted());
        assertEquals(job.getTaskId(), Job.fromSnapshot((JobSnapshot) Snapshots.read(file), local).getTaskId());

        CompositeJob composite = local.createJobs(List.of(BELL, X0), 10);
        composite.executeAsync(TEN_SECONDS).get();
        Path compositeFile = dir.resolve("composite.json");
        composite.save(compositeFile);
        CompositeJob back = CompositeJob.load(compositeFile, local);
        assertEquals(2, back.getCompletedJobs().size());
        assertEquals(composite.getJobs().get(1).getTaskId(), back.getJobs().get(1).getTaskId());
        assertInstanceOf(CompositeJob.class, Snapshots.load(compositeFile, local));

        SnapshotException wrongKind = assertThrows(SnapshotException.class, () -> Job.load(compositeFile, local));
        assertTrue(wrongKind.getMessage().contains("CompositeJob.load"));
        assertThrows(SnapshotException.class, () -> CompositeJob.load(file, local));
        assertThrows(SnapshotException.class, () -> Job.load(file, new ScriptedBackend()));
        assertEquals(Snapshot.SCHEMA_VERSION, Snapshots.decode(Snapshots.encode(job.toSnapshot())).getSchemaVersion());
    }

    @Test
    void jobsOnAScriptedBackend() throws Exception {
        ScriptedBackend scripted = new ScriptedBackend();
        Job job = new Job(scripted, new JobInput(BELL, "dev"), true);
        JobResult result = job.executeAsync(TEN_SECONDS).get().resultList().get(0);
        assertEquals(Map.of("00", 3L, "11", 5L), result.counts("c"));
        assertEquals(2, result.countsTable("c").getColumns());
        assertEquals(1, scripted.getSubmitCalls().get());
        assertEquals(3, scripted.getPollCalls().get());
        assertEquals(1, scripted.getDiagnosticsCalls().get());
        assertTrue(job.getTimingsJson().contains("\"SERVER_RECEIVED\""), job.getTimingsJson());
        assertNotEquals(0, job.getHistory().getSize());
        assertFalse(job.isActive());
    }
}
