package io.qonduit.dsl.units;

import static io.qonduit.dsl.units.Units.MHz;
import static io.qonduit.dsl.units.Units.MHzToKHz;
import static io.qonduit.dsl.units.Units.kHz;
import static io.qonduit.dsl.units.Units.kHzToMHz;
import static io.qonduit.dsl.units.Units.mW;
import static io.qonduit.dsl.units.Units.ms;
import static io.qonduit.dsl.units.Units.nK;
import static io.qonduit.dsl.units.Units.um;
import static io.qonduit.dsl.units.Units.us;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qonduit.oqtant.model.Barrier;
import io.qonduit.oqtant.model.OqtantValidation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Units from Java: plain doubles in the canonical unit of each Oqtant field. */
class UnitsTest {
    @Test
    void factoriesReturnCanonicalUnits() {
        assertEquals(20.0, ms(20));
        assertEquals(0.5, us(500));
        assertEquals(1.5, um(1.5));
        assertEquals(25.0, kHz(25));
        assertEquals(0.5, MHz(0.5));
        assertEquals(500.0, mW(500));
        assertEquals(50.0, nK(50));
        assertEquals(500.0, MHzToKHz(0.5));
        assertEquals(0.025, kHzToMHz(25));
        assertEquals("20.0 ms", Units.formatMs(20));
    }

    @Test
    void unitsFeedTheOqtantModel() {
        Barrier barrier = new Barrier(List.of(ms(0), us(500)), List.of(um(-10), um(-10)),
                List.of(kHz(0), kHz(MHzToKHz(0.02))), List.of(um(1), um(1)));
        assertEquals(List.of(0.0, 0.5), barrier.getTimesMs());
        assertEquals(20.0, barrier.getHeightsKhz().get(1), 1e-12);
        assertEquals(true, OqtantValidation.isOnTimeGrid(barrier.getTimesMs().get(1)));
    }
}
