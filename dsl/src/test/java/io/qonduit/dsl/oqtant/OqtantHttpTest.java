package io.qonduit.dsl.oqtant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.oqtant.OqtantEmulatorState;
import io.qonduit.job.CompositeJob;
import io.qonduit.oqtant.OqtantClient;
import io.qonduit.oqtant.QuantumMatterFactory;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InTrapOutput;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.Output;
import io.qonduit.oqtant.model.TimeOfFlightOutput;
import io.qonduit.transport.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sweeps as composites and the DSL-to-object-API conversion from Java, over HTTP to the emulator. */
class OqtantHttpTest {
    private static Emulator emulator;
    private static OqtantClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().queuedDelay(Duration.ofMillis(10)).runningDelay(Duration.ofMillis(20)).build());
        client = OqtantClient.builder(Secret.of(OqtantEmulatorState.DEMO_TOKEN))
                .baseUrl(emulator.url("oqtant"))
                .pollInterval(Duration.ofMillis(10))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void sweepRunsAsACompositeAndPairsItsResults() throws Exception {
        Sweep<Double> sweep = Sweep.of(List.of(0.0, 40.0), h -> new QuantumMatterBuilder("barrier " + h)
                .image(ImageType.IN_TRAP)
                .barrier(new BarrierBuilder().at(0).evolve(5.0, null, h))
                .build());
        CompositeJob composite = sweep.toCompositeJob(client);
        composite.executeAsync(Duration.ofSeconds(30)).get(40, TimeUnit.SECONDS);

        List<Paired<Double, Output>> pairs = sweep.pairResults(composite);
        assertEquals(List.of(0.0, 40.0), pairs.stream().map(Paired::getFirst).collect(Collectors.toList()));
        for (Paired<Double, Output> pair : pairs) {
            assertEquals(503, assertInstanceOf(InTrapOutput.class, pair.getSecond().getValues()).getItPlot().getColumns());
        }
    }

    @Test
    void dslExperimentRunsThroughTheFactory() throws Exception {
        QuantumMatter dsl = new QuantumMatterBuilder("java cold").temperatureNk(100.0).build();
        io.qonduit.oqtant.QuantumMatter matter = dsl.toObjectApi();
        assertEquals(dsl.toJob(), matter.toJob());

        QuantumMatterFactory factory = new QuantumMatterFactory(client);
        String id = factory.submitAsync(matter, true).get(30, TimeUnit.SECONDS);
        OqtantJob result = factory.getResultAsync(id, 1).get(30, TimeUnit.SECONDS);
        TimeOfFlightOutput tof = assertInstanceOf(TimeOfFlightOutput.class, result.getInputs().get(0).getOutput().getValues());
        assertEquals(100L, tof.getTemperatureNk());
    }
}
