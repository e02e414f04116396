package io.qonduit.oqc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.errors.ValidationException;
import io.qonduit.oqc.config.CompilerConfig;
import io.qonduit.oqc.config.ConfigNamespace;
import io.qonduit.oqc.config.ExperimentalConfig;
import io.qonduit.oqc.config.MetricsType;
import io.qonduit.oqc.config.Qasm2Optimizations;
import io.qonduit.oqc.config.QiskitOptimizations;
import io.qonduit.oqc.config.QuantumResultsFormat;
import io.qonduit.oqc.config.TketOptimizations;
import io.qonduit.oqc.wire.OqcTask;
import java.time.LocalDate;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class OqcCompilerConfigTest {

    @Test
    void buildsAndSerialisesFromJava() {
        CompilerConfig config = CompilerConfig.builder()
                .shots(1000)
                .repetitionPeriod(1e-4)
                .resultsFormat(QuantumResultsFormat.raw())
                .metrics(MetricsType.defaults())
                .optimizations(new Qasm2Optimizations(EnumSet.of(QiskitOptimizations.EMPTY), TketOptimizations.one()))
                .build();
        String wire = config.toWireString();
        assertTrue(wire.startsWith("{\"$type\": \"<class 'compiler_config.config.CompilerConfig'>\", \"$data\": {\"repeats\": 1000, \"repetition_period\": 0.0001, "), wire);
        assertTrue(wire.contains("\"$value\": 18}"), wire);
        CompilerConfig back = CompilerConfig.parse(wire);
        assertEquals(config, back);
        assertEquals(Integer.valueOf(1000), back.getShots());
        assertEquals(ConfigNamespace.COMPILER_CONFIG, back.getNamespace());
    }

    @Test
    void defaultsMatchThePythonClientDefault() {
        assertTrue(CompilerConfig.defaults().getResultsFormat().isBinaryCount());
        assertEquals(CompilerConfig.defaults(), CompilerConfig.builder().build());
    }

    @Test
    void badShotsNameTheField() {
        ValidationException e = assertThrows(ValidationException.class, () -> CompilerConfig.builder().shots(-5).build());
        assertEquals("shots", e.getViolations().get(0).getField());
    }

    @Test
    void experimentalConfigAndTaskFromJava() {
        ExperimentalConfig exp = ExperimentalConfig.builder().noiseEnabled(true).bondDimension(8).build();
        OqcTask task = OqcTask.of("OPENQASM 2.0;", "qpu:uk:2:d865b5a184", exp);
        assertEquals(CompilerConfig.defaults().toWireString(), task.getConfig());
        assertEquals(exp.externalConfigJson(), task.getExternalConfigJson());
    }

    @Test
    void calibrationDateFromJava() {
        assertEquals("2024-06-12", CalibrationDate.of(LocalDate.of(2024, 6, 12)).getValue());
        ValidationException e = assertThrows(ValidationException.class, () -> CalibrationDate.parse("2024/06/12"));
        assertEquals("dateFilter", e.getViolations().get(0).getField());
    }
}
