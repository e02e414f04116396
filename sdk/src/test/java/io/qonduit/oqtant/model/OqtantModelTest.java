package io.qonduit.oqtant.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.errors.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Oqtant model as a Java caller sees it: constructors, factories, validation and JSON. */
class OqtantModelTest {

    private static InputValues barrierRun() {
        RfEvaporation rf = new RfEvaporation(
                List.of(17.0, 8.0, 4.0, 1.2, 0.1), List.of(500.0, 500.0, 475.0, 360.0, 220.0), RfInterpolationType.LINEAR);
        Barrier barrier = new Barrier(
                List.of(0.0, 5.0, 10.0), List.of(-10.0, -10.0, -10.0), List.of(0.0, 10.0, 20.0), List.of(1.0, 1.0, 1.0),
                InterpolationType.OFF);
        return new InputValues(20.0, ImageType.IN_TRAP, 8.0, rf, List.of(barrier, Barrier.precision(
                List.of(0.0, 1.0), List.of(5.0, 5.0), List.of(0.0, 30.0))));
    }

    @Test
    void buildsValidatesAndEncodesAJob() {
        OqtantJob job = OqtantJob.of("java job", barrierRun());
        assertEquals(JobType.BARRIER, job.getJobType());
        job.validate();
        OqtantValidation.validate(job);
        assertTrue(OqtantValidation.violations(job).isEmpty());

        String body = OqtantJson.encodeSubmission(job);
        assertTrue(body.contains("\"job_type\":\"BARRIER\""));
        assertTrue(body.contains("\"input_count\":1"));
        OqtantJob back = OqtantJson.decodeJob(OqtantJson.encodeJob(job));
        assertEquals(job, back);
    }

    @Test
    void everyBlockIsConstructibleWithDefaults() {
        InputValues values = new InputValues(20.0, ImageType.TIME_OF_FLIGHT, 8.0,
                new RfEvaporation(List.of(-800, -400, 0), List.of(4.0, 1.2, 0.1), List.of(475.0, 360.0, 220.0), RfInterpolationType.OFF),
                null,
                new OpticalLandscape(List.of(new Landscape(), new Landscape(2.0, List.of(0.0, 10.0), List.of(-5.0, 5.0)))),
                List.of(Laser.terminator(1.0, 2.0)));
        assertEquals(JobType.PAINT_1D, values.getJobType());
        OqtantValidation.validateValues(values);
        assertEquals(30.0, new Laser(List.of(new Pulse())).getPositionUm());
        assertEquals(RfEvaporation.DEFAULT_TIMES_MS, new RfEvaporation(List.of(1.0), List.of(1.0), RfInterpolationType.LINEAR).getTimesMs());
        assertEquals(11, new Barrier().getTimesMs().size());
    }

    @Test
    void validationNamesTheFieldAndTheLimit() {
        InputValues run = barrierRun();
        InputValues tooLong = new InputValues(250.0, run.getImageType(), run.getTimeOfFlightMs(), run.getRfEvaporation(),
                run.getOpticalBarriers());
        ValidationException e = assertThrows(ValidationException.class, () -> OqtantJob.of("bad", tooLong).validate());
        assertEquals(1, e.getViolations().size());
        assertEquals("inputs[0].values.end_time_ms", e.getViolations().get(0).getField());
        assertEquals("must be in 0.0..200.0 ms", e.getViolations().get(0).getLimit());
    }

    @Test
    void imagesReshapeOnlyWhenTheSizesAgree() {
        Image image = new Image(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(1.0, image.getPixcal());
        assertEquals(6.0, image.get(1, 2));
        assertEquals(3, image.toMatrix()[0].length);
        Image dummy = new Image(new double[10_000], 2, 2, 1.0);
        assertFalse(dummy.isShapeConsistent());
        ImageShapeException e = assertThrows(ImageShapeException.class, dummy::toMatrix);
        assertEquals(10_000, e.getPixelCount());
    }

    @Test
    void decodesServiceResponses() {
        JobLimits limits = OqtantJson.getFormat().decodeFromString(JobLimits.Companion.serializer(),
                "{\"daily_limit\":10,\"daily_remaining\":4,\"standard_credits\":null,\"priority_credits\":2}");
        assertEquals(new JobLimits(10, 4, null, 2), limits);
        assertTrue(JobStatus.CANCELLED.isTerminal());
    }
}
