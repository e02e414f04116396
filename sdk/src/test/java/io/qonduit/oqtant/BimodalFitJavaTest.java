package io.qonduit.oqtant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qonduit.errors.ValidationException;
import io.qonduit.fixtures.ReferenceFixtures;
import io.qonduit.oqtant.model.Image;
import io.qonduit.oqtant.model.OqtantJson;
import org.junit.jupiter.api.Test;

class BimodalFitJavaTest {
    @Test
    void fitsAnImageFromJava() {
        double[] pixels = new double[40 * 40];
        for (int i = 0; i < pixels.length; i++) {
            double x = i % 40 - 20.5;
            double y = i / 40 - 19.0;
            double a = 1 - (x / 6) * (x / 6) - (y / 8) * (y / 8);
            pixels[i] = a > 0 ? 1.2 * Math.pow(a, 1.5) : 0.0;
        }
        BimodalFit fit = BimodalFit.fit(new Image(pixels, 40, 40, 4.4), 10.0);
        assertEquals(BimodalFit.Model.CONDENSATE, fit.getModel());
        assertEquals(1.0, fit.getCondensedFraction());
        assertNull(fit.getTemperatureNk());
        assertEquals(20.5, fit.getCentreXPx(), 1e-6);
        assertEquals(6 * 4.4, fit.getCondensedRadiusXUm(), 1e-6);
    }

    @Test
    void resultFitAndItsErrors() {
        OqtantResult simulated = new OqtantResult(OqtantJson.decodeJob(ReferenceFixtures.text("oqtant", "result_sim_paint1d_tof.full.json")));
        assertEquals(12.0, simulated.timeOfFlightFit().getTimeOfFlightMs());
        OqtantResult inTrap = new OqtantResult(OqtantJson.decodeJob(ReferenceFixtures.text("oqtant", "result_hw_barrier_in_trap.full.json")));
        ValidationException e = assertThrows(ValidationException.class, () -> inTrap.timeOfFlightFit(1));
        assertEquals("run", e.getViolations().get(0).getField());
    }
}
