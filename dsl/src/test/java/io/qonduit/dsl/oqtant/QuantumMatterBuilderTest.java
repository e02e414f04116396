package io.qonduit.dsl.oqtant;

import static io.qonduit.dsl.units.Units.MHz;
import static io.qonduit.dsl.units.Units.kHz;
import static io.qonduit.dsl.units.Units.mW;
import static io.qonduit.dsl.units.Units.ms;
import static io.qonduit.dsl.units.Units.nK;
import static io.qonduit.dsl.units.Units.um;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.errors.ValidationException;
import io.qonduit.errors.Violation;
import io.qonduit.oqtant.model.Barrier;
import io.qonduit.oqtant.model.ImageType;
import io.qonduit.oqtant.model.InputValues;
import io.qonduit.oqtant.model.InterpolationType;
import io.qonduit.oqtant.model.JobType;
import io.qonduit.oqtant.model.Laser;
import io.qonduit.oqtant.model.OqtantJob;
import io.qonduit.oqtant.model.RfInterpolationType;
import io.qonduit.oqtant.model.ShapeType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Oqtant experiment builders from Java: plain doubles in the service units. */
class QuantumMatterBuilderTest {
    @Test
    void buildsABarrierExperiment() {
        QuantumMatter matter = new QuantumMatterBuilder("barrier from Java")
                .lifetimeMs(ms(20))
                .image(ImageType.IN_TRAP)
                .timeOfFlightMs(ms(7))
                .temperatureNk(nK(100))
                .note("java")
                .barrier(new BarrierBuilder()
                        .shape(ShapeType.SQUARE)
                        .interpolation(InterpolationType.OFF)
                        .at(ms(0), um(0), kHz(0), um(1))
                        .evolve(ms(5), um(10), kHz(20))
                        .evolve(ms(2.5)))
                .terminator(ms(1), ms(3))
                .build();

        OqtantJob job = matter.toJob();
        assertEquals("barrier from Java", job.getName());
        assertEquals(JobType.BARRIER, job.getJobType());
        assertEquals("java", job.getInputs().get(0).getNotes());

        InputValues values = matter.toInputValues();
        assertEquals(20.0, values.getEndTimeMs());
        assertEquals(7.0, values.getTimeOfFlightMs());
        Barrier barrier = values.getOpticalBarriers().get(0);
        assertEquals(List.of(0.0, 5.0, 7.5), barrier.getTimesMs());
        assertEquals(List.of(0.0, 10.0, 10.0), barrier.getPositionsUm());
        assertEquals(List.of(0.0, 20.0, 20.0), barrier.getHeightsKhz());
        assertEquals(List.of(1.0, 1.0, 1.0), barrier.getWidthsUm());
        assertEquals(ShapeType.SQUARE, barrier.getShape());
        assertEquals(InterpolationType.OFF, barrier.getInterpolation());
        assertEquals(List.of(Laser.terminator(1.0, 3.0)), values.getLasers());
        List<Double> frequencies = values.getRfEvaporation().getFrequenciesMhz();
        assertEquals(0.0335, frequencies.get(frequencies.size() - 1));
    }

    @Test
    void buildsALandscapeWithACustomEvaporationAndShield() {
        QuantumMatter matter = new QuantumMatterBuilder()
                .lifetimeMs(ms(10))
                .evaporation(new EvaporationBuilder()
                        .interpolation(RfInterpolationType.LINEAR)
                        .point(ms(-800), MHz(5), mW(500))
                        .point(ms(0), MHz(0.1), mW(300)))
                .rfShield(MHz(0.2), mW(50))
                .landscape(new LandscapeBuilder()
                        .snapshot(ms(0), List.of(um(-10), um(10)), List.of(kHz(0), kHz(0)))
                        .snapshot(ms(4), List.of(um(-10), um(10)), List.of(kHz(5), kHz(20)), InterpolationType.OFF))
                .build();

        InputValues values = matter.toInputValues();
        assertEquals(JobType.PAINT_1D, matter.getJobType());
        assertEquals(List.of(-800, 0, 10), values.getRfEvaporation().getTimesMs());
        assertEquals(List.of(5.0, 0.1, 0.2), values.getRfEvaporation().getFrequenciesMhz());
        assertEquals(2, values.getOpticalLandscape().getLandscapes().size());
        assertEquals(QuantumMatter.DEFAULT_NAME, matter.getName());
    }

    @Test
    void listsEveryProblemInOneException() {
        QuantumMatterBuilder builder = new QuantumMatterBuilder("too short")
                .lifetimeMs(ms(5))
                .barrier(new BarrierBuilder().at(ms(0)).evolve(ms(10), null, kHz(150)));

        ValidationException e = assertThrows(ValidationException.class, () -> builder.build().toJob());
        List<String> fields = e.getViolations().stream().map(Violation::getField).collect(Collectors.toList());
        assertTrue(fields.contains("lifetime"), fields.toString());
        assertTrue(fields.contains("inputs[0].values.optical_barriers[0].heights_khz[1]"), fields.toString());
        assertTrue(fields.contains("inputs[0].values.optical_barriers[0].times_ms[1]"), fields.toString());
    }

    @Test
    void defaultsFollowThePythonQuantumMatter() {
        InputValues values = new QuantumMatterBuilder().build().toInputValues();
        assertEquals(QuantumMatter.DEFAULT_LIFETIME_MS, values.getEndTimeMs());
        assertEquals(QuantumMatter.DEFAULT_TIME_OF_FLIGHT_MS, values.getTimeOfFlightMs());
        assertEquals(QuantumMatter.DEFAULT_RF_EVAP, values.getRfEvaporation());
        assertEquals(ImageType.TIME_OF_FLIGHT, values.getImageType());
        assertEquals(0.0335, QuantumMatter.evaporationFrequencyMhz(100));
    }
}
