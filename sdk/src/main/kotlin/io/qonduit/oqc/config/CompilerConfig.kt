package io.qonduit.oqc.config

import io.qonduit.JsonText
import io.qonduit.errors.Validator
import kotlinx.serialization.json.JsonElement

/**
 * Typed, immutable OQC compiler configuration (`CompilerConfig`), sent as the task's `config`
 * string.
 *
 * ```
 * CompilerConfig config = CompilerConfig.builder().shots(1000).build();
 * String wire = config.toWireString();
 * ```
 *
 * A config from [parse] remembers its [namespace], the order of its `$data` keys (including keys
 * that were absent) and any keys this SDK does not model ([unknownFields]), so that
 * `parse(text).toWireString()` gives back `text` for configs written by the Python library.
 * Equality compares the wire text.
 */
public class CompilerConfig internal constructor(
    /** Shots per task (`repeats`); `null` lets the server choose. */
    public val shots: Int?,
    /** Seconds between shots (`repetition_period`); `null` lets the server choose. */
    public val repetitionPeriod: Double?,
    /** How results are shaped (`results_format`). */
    public val resultsFormat: QuantumResultsFormat,
    /** Metrics to return (`metrics`); `null` travels as JSON `null`. */
    public val metrics: Set<MetricsType>?,
    /** Calibrations to run (`active_calibrations`), kept as raw JSON (Kotlin; Java: [activeCalibrationsJson]). */
    @get:JvmSynthetic
    public val activeCalibrations: List<JsonElement>,
    /** Compiler passes (`optimizations`); `null` lets the server pick the language default. */
    public val optimizations: Optimizations?,
    /** Error-mitigation settings (`error_mitigation`) as raw JSON; `null` means none (Kotlin; Java: [errorMitigationJson]). */
    @get:JvmSynthetic
    public val errorMitigation: JsonElement?,
    /** Module path written in every `$type`. */
    public val namespace: ConfigNamespace,
    /** `$data` entries this SDK does not model, in wire order, kept verbatim (Kotlin; Java: [unknownFieldsJson]). */
    @get:JvmSynthetic
    public val unknownFields: Map<String, JsonElement>,
    // The literal of repetition_period as it will be written (Python distinguishes 10 from 10.0).
    internal val repetitionPeriodLiteral: String?,
    // Wire order of $data keys when parsed; null for configs built here (canonical order).
    internal val keyOrder: List<String>?,
) : TaskConfig {
    /** This config itself. */
    override val compilerConfig: CompilerConfig get() = this

    /** [activeCalibrations], each as JSON text. */
    public val activeCalibrationsJson: List<String> get() = activeCalibrations.map { it.toString() }

    /** [errorMitigation] as JSON text; `null` means none. */
    public val errorMitigationJson: String? get() = errorMitigation?.toString()

    /** [unknownFields] with each value as JSON text, in wire order. */
    public val unknownFieldsJson: Map<String, String> get() = unknownFields.mapValues { it.value.toString() }

    /** The Python-compatible JSON text of this config (what goes into a task's `config`). */
    public fun toWireString(): String = PythonJson.write(CompilerConfigCodec.encode(this))

    /** A builder starting from this config's values (namespace and key layout are kept). */
    public fun toBuilder(): Builder = Builder(this)

    override fun equals(other: Any?): Boolean = other is CompilerConfig && other.toWireString() == toWireString()

    override fun hashCode(): Int = toWireString().hashCode()

    override fun toString(): String =
        "CompilerConfig(shots=$shots, repetitionPeriod=$repetitionPeriod, resultsFormat=$resultsFormat, " +
            "metrics=$metrics, activeCalibrations=$activeCalibrations, optimizations=$optimizations, " +
            "errorMitigation=$errorMitigation, namespace=$namespace)"

    /** Builds a [CompilerConfig]; every setter validates when [build] is called. */
    public class Builder internal constructor(from: CompilerConfig?) {
        private var shots: Int? = from?.shots
        private var repetitionPeriod: Double? = from?.repetitionPeriod
        private var repetitionPeriodLiteral: String? = from?.repetitionPeriodLiteral
        private var resultsFormat: QuantumResultsFormat = from?.resultsFormat ?: QuantumResultsFormat.binaryCount()
        private var metrics: Set<MetricsType>? = if (from == null) MetricsType.defaults() else from.metrics
        private var activeCalibrations: List<JsonElement> = from?.activeCalibrations ?: emptyList()
        private var optimizations: Optimizations? = from?.optimizations
        private var errorMitigation: JsonElement? = from?.errorMitigation
        private var namespace: ConfigNamespace = from?.namespace ?: ConfigNamespace.COMPILER_CONFIG
        private val unknownFields: Map<String, JsonElement> = from?.unknownFields ?: emptyMap()
        private val keyOrder: List<String>? = from?.keyOrder

        /** Shots per task (`repeats`), at least 1; `null` lets the server choose. */
        public fun shots(shots: Int?): Builder = apply { this.shots = shots }

        /** Seconds between shots (`repetition_period`), finite and positive; `null` lets the server choose. */
        public fun repetitionPeriod(seconds: Double?): Builder = apply {
            repetitionPeriod = seconds
            repetitionPeriodLiteral = null
        }

        /** Results shape; default [QuantumResultsFormat.binaryCount]. */
        public fun resultsFormat(format: QuantumResultsFormat): Builder = apply { resultsFormat = format }

        /** Metrics to return; default [MetricsType.defaults]. */
        public fun metrics(metrics: Set<MetricsType>?): Builder = apply { this.metrics = metrics }

        /** Calibrations to run, as raw JSON values (Kotlin; Java: [activeCalibrationsJson]). */
        @JvmSynthetic
        public fun activeCalibrations(calibrations: List<JsonElement>): Builder =
            apply { activeCalibrations = calibrations.toList() }

        /**
         * Calibrations to run, each as JSON text.
         *
         * @throws io.qonduit.errors.ValidationException naming `activeCalibrations[i]` for text that is not JSON
         */
        public fun activeCalibrationsJson(calibrations: List<String>): Builder =
            activeCalibrations(calibrations.mapIndexed { i, text -> JsonText.parse("activeCalibrations[$i]", text) })

        /** Compiler passes; `null` (default) lets the server pick. */
        public fun optimizations(optimizations: Optimizations?): Builder = apply { this.optimizations = optimizations }

        /** Error-mitigation settings as raw JSON; `null` (default) for none (Kotlin; Java: [errorMitigationJson]). */
        @JvmSynthetic
        public fun errorMitigation(errorMitigation: JsonElement?): Builder =
            apply { this.errorMitigation = errorMitigation }

        /**
         * Error-mitigation settings as JSON text; `null` (default) for none.
         *
         * @throws io.qonduit.errors.ValidationException naming `errorMitigation` for text that is not JSON
         */
        public fun errorMitigationJson(errorMitigation: String?): Builder =
            errorMitigation(errorMitigation?.let { JsonText.parse("errorMitigation", it) })

        /** Module path for `$type` names; default [ConfigNamespace.COMPILER_CONFIG]. */
        public fun namespace(namespace: ConfigNamespace): Builder = apply { this.namespace = namespace }

        /**
         * Checks every value and builds the config.
         *
         * @throws io.qonduit.errors.ValidationException naming `shots` or `repetitionPeriod`
         */
        public fun build(): CompilerConfig {
            val v = Validator()
            shots?.let { v.check(it >= 1, "shots", it, "must be at least 1") }
            repetitionPeriod?.let {
                v.check(it.isFinite() && it > 0.0, "repetitionPeriod", it, "must be a finite number of seconds > 0")
            }
            v.throwIfAny()
            val literal = repetitionPeriod?.let { repetitionPeriodLiteral ?: PythonJson.floatRepr(it) }
            return CompilerConfig(
                shots, repetitionPeriod, resultsFormat, metrics?.let { immutableFlags(it) },
                activeCalibrations, optimizations, errorMitigation, namespace, unknownFields, literal, keyOrder,
            )
        }
    }

    /** Factories. */
    public companion object {
        /** A builder with the SDK defaults: binary-count results, default metrics, everything else unset. */
        @JvmStatic
        public fun builder(): Builder = Builder(null)

        /** The default task config, `CompilerConfig(results_format=QuantumResultsFormat().binary_count())`. */
        @JvmStatic
        public fun defaults(): CompilerConfig = builder().build()

        /**
         * Parses a serialised config (`$type` / `$data` / `$value` JSON). Accepts the
         * `compiler_config.config`, `scc.compiler.config` and `qat.purr.compiler.config` type prefixes.
         *
         * @throws io.qonduit.errors.ValidationException naming the offending field (e.g. `repeats`,
         *   `metrics.$value`) for malformed JSON, unknown types, unknown flag bits or bad values
         */
        @JvmStatic
        public fun parse(text: String): CompilerConfig = CompilerConfigCodec.decode(text)
    }
}
