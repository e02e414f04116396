package io.qonduit.dsl.oqtant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qonduit.errors.ValidationException;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.OqtantJob;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sweeps from Java. */
class SweepTest {
    private static QuantumMatter barrier(double heightKhz, double durationMs) {
        return new QuantumMatterBuilder("barrier " + heightKhz)
                .image(ImageType.IN_TRAP)
                .barrier(new BarrierBuilder().at(0).evolve(durationMs, null, heightKhz))
                .build();
    }

    @Test
    void oneParameterBecomesAMultiRunJobAndPairsBack() {
        Sweep<Double> sweep = Sweep.of(List.of(10.0, 20.0, 30.0), h -> barrier(h, 5));
        OqtantJob job = sweep.toJob("heights");

        assertEquals(List.of(1, 2, 3), job.getInputs().stream().map(i -> i.getRun()).collect(Collectors.toList()));
        assertEquals(3, sweep.toJobs().size());
        List<Paired<Double, String>> pairs = sweep.pair(List.of("a", "b", "c"));
        assertEquals(new Paired<>(20.0, "b"), pairs.get(1));
        assertEquals(2, sweep.getPoints().get(1).getRun());
    }

    @Test
    void moreThanThirtyRunsIsRefused() {
        List<Double> heights = IntStream.rangeClosed(1, 31).mapToObj(i -> (double) i).collect(Collectors.toList());
        Sweep<Double> sweep = Sweep.of(heights, h -> barrier(h, 5));
        ValidationException e = assertThrows(ValidationException.class, () -> sweep.toJob("too many"));
        assertEquals("inputs", e.getViolations().get(0).getField());
    }

    @Test
    void twoParametersSweepTheirProduct() {
        Sweep<Paired<Double, Double>> sweep = Sweep.product(List.of(10.0, 20.0), List.of(1.0, 2.0), SweepTest::barrier);
        assertEquals(4, sweep.getSize());
        assertEquals(new Paired<>(20.0, 1.0), sweep.getValues().get(2));
    }
}
