package io.qonduit.oqc;

import io.qonduit.testing.Circuits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qonduit.emulator.Emulator;
import io.qonduit.emulator.EmulatorConfig;
import io.qonduit.emulator.oqc.OqcEmulatorState;
import io.qonduit.errors.ValidationException;
import io.qonduit.job.Job;
import io.qonduit.job.PollCadence;
import io.qonduit.oqc.config.CompilerConfig;
import io.qonduit.oqc.config.ExperimentalConfig;
import io.qonduit.oqc.config.RawOptimizations;
import io.qonduit.oqc.wire.ExecutionMetadataResponse;
import io.qonduit.oqc.wire.OqcTask;
import io.qonduit.oqc.wire.QpuFeatures;
import io.qonduit.oqc.wire.TaskAllInfo;
import io.qonduit.oqc.wire.TaskResultsResponse;
import io.qonduit.transport.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OQC configs, tasks and replies from Java: every JSON-typed value as JSON text. */
class OqcJsonTextJavaTest {
    /** OQC tasks carry OpenQASM text: the DSL writes it. */
    private static final String BELL = Circuits.BELL.toQasm2();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorConfig.builder().seed(3L)
                .queuedDelay(Duration.ofMillis(20)).runningDelay(Duration.ofMillis(20)).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static OqcSdk sdk() {
        return OqcSdk.builder(emulator.url("oqc")).token(Secret.of(OqcEmulatorState.DEMO_TOKEN))
                .pollCadence(PollCadence.ofMillis(10, 20, 40)).build();
    }

    @Test
    void compilerConfigJsonValuesTravelAsText() {
        CompilerConfig config = CompilerConfig.builder()
                .activeCalibrationsJson(List.of("\"µs\"", "{\"kind\": \"rabi\"}"))
                .errorMitigationJson("{\"$type\": \"<enum 'ErrorMitigationConfig'>\", \"$value\": 2}")
                .build();
        assertEquals(List.of("\"µs\"", "{\"kind\":\"rabi\"}"), config.getActiveCalibrationsJson());
        assertEquals("{\"$type\":\"<enum 'ErrorMitigationConfig'>\",\"$value\":2}", config.getErrorMitigationJson());

        CompilerConfig back = CompilerConfig.parse(config.toWireString());
        assertEquals(config.getActiveCalibrationsJson(), back.getActiveCalibrationsJson());
        assertEquals(config.getErrorMitigationJson(), back.getErrorMitigationJson());
        assertEquals(Map.of(), back.getUnknownFieldsJson());
        assertNull(CompilerConfig.defaults().getErrorMitigationJson());
        assertNull(config.toBuilder().errorMitigationJson(null).build().getErrorMitigationJson());

        ValidationException bad = assertThrows(ValidationException.class,
                () -> CompilerConfig.builder().activeCalibrationsJson(List.of("1", "{oops")));
        assertEquals("activeCalibrations[1]", bad.getViolations().get(0).getField());
        assertEquals("errorMitigation",
                assertThrows(ValidationException.class, () -> CompilerConfig.builder().errorMitigationJson("")).getViolations().get(0).getField());
    }

    @Test
    void unknownConfigFieldsAreJsonText() {
        String defaults = CompilerConfig.defaults().toWireString();
        int data = defaults.indexOf("\"$data\": {") + "\"$data\": {".length(); // the config's own $data, not a nested one
        String wire = defaults.substring(0, data) + "\"passive_reset_time\": 0.5, " + defaults.substring(data);
        CompilerConfig parsed = CompilerConfig.parse(wire);
        assertEquals(Map.of("passive_reset_time", "0.5"), parsed.getUnknownFieldsJson());
        assertEquals(wire, parsed.toWireString());
    }

    @Test
    void experimentalConfigAndRawOptimizationsFromText() {
        ExperimentalConfig exp = ExperimentalConfig.builder().noiseEnabled(true)
                .noiseModelJson("{\"depolarising\": 0.01}").build();
        assertEquals("{\"depolarising\":0.01}", exp.getNoiseModelJson());
        assertEquals("{\"noise_enabled\":true,\"bond_dimension\":null,\"noise_model\":{\"depolarising\":0.01}}", exp.externalConfigJson());
        assertEquals("\"depolarising\"", ExperimentalConfig.builder().noiseModel("depolarising").build().getNoiseModelJson());

        OqcTask task = OqcTask.of(BELL, OqcEmulatorState.TOSHIKO, exp);
        assertEquals(exp.externalConfigJson(), task.getExternalConfigJson());
        assertNull(OqcTask.of(BELL, OqcEmulatorState.TOSHIKO).getExternalConfigJson());
        assertEquals(exp, ExperimentalConfig.fromWireJson(task.getConfig(), task.getExternalConfigJson()));
        assertEquals("external_config",
                assertThrows(ValidationException.class, () -> ExperimentalConfig.fromWireJson(task.getConfig(), "[]")).getViolations().get(0).getField());

        RawOptimizations raw = RawOptimizations.of("QIROptimizations", "{\"inline\": true}");
        assertEquals("QIROptimizations", raw.getTypeName());
        assertEquals("{\"inline\":true}", raw.getDataJson());
        CompilerConfig withRaw = CompilerConfig.builder().optimizations(raw).build();
        RawOptimizations back = assertInstanceOf(RawOptimizations.class, CompilerConfig.parse(withRaw.toWireString()).getOptimizations());
        assertEquals(raw, back);
        assertThrows(ValidationException.class, () -> RawOptimizations.of("QIROptimizations", "true"));
    }

    @Test
    void qpuFeaturesAndTaskRepliesAsJsonText() throws Exception {
        try (OqcSdk sdk = sdk()) {
            QpuFeatures features = sdk.getFeaturesAsync(OqcEmulatorState.TOSHIKO).get();
            assertEquals("\"1 second\"", features.getJson("Maximum Repetition Period"));
            assertNull(features.getJson("no such feature"));
            assertTrue(features.getRawJson().contains("\"Maximum Shots\":100000"), features.getRawJson());

            Job job = sdk.createJob(Circuits.BELL, OqcEmulatorState.TOSHIKO, CompilerConfig.builder().shots(20).build());
            job.executeAsync(TIMEOUT).get();
            String id = job.getTaskId();
            OqcTaskCalls tasks = sdk.getTasks();

            TaskResultsResponse results = tasks.resultsAsync(id, OqcEmulatorState.TOSHIKO).get();
            assertTrue(results.isReady());
            assertTrue(results.getResultsJson().startsWith("{\"c\":{"), results.getResultsJson());
            TaskAllInfo info = tasks.allInfoAsync(id, OqcEmulatorState.TOSHIKO).get();
            assertEquals(results.getResultsJson(), info.getResultsJson());

            ExecutionMetadataResponse metrics = tasks.metricsAsync(id, OqcEmulatorState.TOSHIKO).get();
            assertEquals("4", metrics.getJson("optimized_instruction_count"));
            assertNull(metrics.getJson("no such metric"));
            assertTrue(metrics.getExecutionMetadataJson().contains("\"optimized_instruction_count\":4"), metrics.getExecutionMetadataJson());
            assertFalse(metrics.getExecutionMetadataJson().isEmpty());
        }
    }
}
