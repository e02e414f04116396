package io.qonduit.oqtant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.qonduit.Qonduit;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InTrapOutput;
import io.qonduit.oqtant.model.InputValues;
import io.qonduit.oqtant.model.JobStatus;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.RfEvaporation;
import io.qonduit.oqtant.model.RfInterpolationType;
import io.qonduit.oqtant.model.TimeOfFlightOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local Oqtant target from Java: a future for the job, a publisher for the progress. */
class OqtantSimulatorJavaTest {
    private static final RfEvaporation RF = new RfEvaporation(List.of(-1600, -1200, -800, -400, 0),
        List.of(17.0, 8.0, 4.0, 1.2, 0.02), List.of(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR);

    @Test
    void runAsyncCompletesABecJob() throws Exception {
        OqtantJob job = OqtantJob.of("bec", new InputValues(0.0, ImageType.TIME_OF_FLIGHT, 8.0, RF));
        OqtantJob done = Qonduit.oqtantSimulator().runAsync(job).get(120, TimeUnit.SECONDS);
        assertEquals(JobStatus.COMPLETE, done.getStatus());
        TimeOfFlightOutput out = assertInstanceOf(TimeOfFlightOutput.class, done.getInputs().get(0).getOutput().getValues());
        assertEquals(60L, out.getTemperatureNk());
        assertEquals(100, out.getTofImage().getRows());
    }

    @Test
    void publisherEndsWithTheCompletedJob() throws Exception {
        OqtantJob job = OqtantJob.of("trap", new InputValues(1.0, ImageType.IN_TRAP, 7.0, RF));
        List<OqtantSimulationEvent> seen = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        new OqtantSimulator().simulatePublisher(job).subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(OqtantSimulationEvent item) { seen.add(item); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
            @Override public void onComplete() { done.complete(null); }
        });
        done.get(120, TimeUnit.SECONDS);
        OqtantSimulationEvent.Completed last = assertInstanceOf(OqtantSimulationEvent.Completed.class, seen.get(seen.size() - 1));
        assertInstanceOf(InTrapOutput.class, last.getJob().getInputs().get(0).getOutput().getValues());
        assertInstanceOf(OqtantSimulationEvent.Progress.class, seen.get(0));
    }
}
