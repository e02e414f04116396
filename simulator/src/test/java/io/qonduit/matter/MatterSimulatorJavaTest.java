package io.qonduit.matter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The matter simulator from Java: a future for the result, a publisher for the progress. */
class MatterSimulatorJavaTest {
    private static MatterExperiment shortBarrier() {
        PaintedBarrier barrier = new PaintedBarrier(List.of(0.0, 1.0), List.of(0.0, 0.0), List.of(0.0, 10.0), List.of(1.0, 1.0));
        return new MatterExperiment(1.0, MatterImaging.IN_TRAP, 12.0, List.of(barrier));
    }

    @Test
    void runAsyncCompletesWithTheInTrapImage() throws Exception {
        MatterResult result = new MatterSimulator().runAsync(shortBarrier()).get(60, TimeUnit.SECONDS);
        assertEquals(148, result.getImage().getRows());
        assertEquals(512, result.getImage().getColumns());
        assertEquals(0.344, result.getImage().getPixcalUm());
        assertTrue(result.getImage().sum() > 100);
    }

    @Test
    void publisherReportsProgressThenTheResult() throws Exception {
        List<MatterProgress> seen = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        new MatterSimulator().simulatePublisher(shortBarrier()).subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(MatterProgress item) { seen.add(item); }
            @Override public void onError(Throwable t) { done.completeExceptionally(t); }
            @Override public void onComplete() { done.complete(null); }
        });
        done.get(60, TimeUnit.SECONDS);
        assertInstanceOf(MatterProgress.Done.class, seen.get(seen.size() - 1));
        MatterProgress.Step last = (MatterProgress.Step) seen.get(seen.size() - 2);
        assertEquals(MatterStage.IN_TRAP, last.getStage());
        assertEquals(1.0, last.getSimulatedMs(), 1e-9);
    }
}
