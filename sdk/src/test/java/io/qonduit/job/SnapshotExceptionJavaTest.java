package io.qonduit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qonduit.errors.QonduitException;
import org.junit.jupiter.api.Test;

/** SnapshotException from Java: unchecked, with the broken field when there is one. */
class SnapshotExceptionJavaTest {
    @Test
    void namesTheFieldOrNone() {
        assertEquals("maxConcurrency", new SnapshotException("bad", null, "maxConcurrency").getField());
        assertNull(new SnapshotException("bad").getField());
        QonduitException e = assertThrows(SnapshotException.class,
                () -> Snapshots.decode("{\"kind\":\"composite\",\"schemaVersion\":2,\"maxConcurrency\":0}"));
        assertEquals("maxConcurrency", ((SnapshotException) e).getField());
    }
}
