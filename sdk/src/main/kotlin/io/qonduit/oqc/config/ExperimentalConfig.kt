package io.qonduit.oqc.config

import io.qonduit.JsonText
import io.qonduit.errors.ValidationException
import io.qonduit.errors.Validator
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.intOrNull

/**
 * A [CompilerConfig] plus settings for OQC's experimental (noisy / tensor-network) execution.
 *
 * A task carrying it sends [baseConfig] as its `config` string and [externalConfig] as the separate
 * `external_config` object (`noise_enabled`, `bond_dimension`, `noise_model`), as the Python client
 * does.
 */
public class ExperimentalConfig private constructor(
    /** The ordinary compiler configuration. */
    public val baseConfig: CompilerConfig,
    /** Whether simulated noise is applied (`noise_enabled`). */
    public val noiseEnabled: Boolean,
    /** Tensor-network bond dimension (`bond_dimension`), at least 1; `null` for the server default. */
    public val bondDimension: Int?,
    /** The noise model (`noise_model`) as raw JSON; `null` for the server default (Kotlin; Java: [noiseModelJson]). */
    @get:JvmSynthetic
    public val noiseModel: JsonElement?,
) : TaskConfig {
    /** The same as [baseConfig]. */
    override val compilerConfig: CompilerConfig get() = baseConfig

    /** [noiseModel] as JSON text; `null` for the server default. */
    public val noiseModelJson: String? get() = noiseModel?.toString()

    /** [externalConfig] as JSON text. */
    public fun externalConfigJson(): String = externalConfig().toString()

    /** The `external_config` object sent next to the task's `config` (Kotlin; Java: [externalConfigJson]). */
    @JvmSynthetic
    public fun externalConfig(): JsonObject = JsonObject(
        linkedMapOf(
            NOISE_ENABLED to JsonPrimitive(noiseEnabled),
            BOND_DIMENSION to (bondDimension?.let { JsonPrimitive(it) } ?: JsonNull),
            NOISE_MODEL to (noiseModel ?: JsonNull),
        ),
    )

    /** A builder starting from these values. */
    public fun toBuilder(): Builder =
        Builder(baseConfig).noiseEnabled(noiseEnabled).bondDimension(bondDimension).noiseModel(noiseModel)

    override fun equals(other: Any?): Boolean =
        other is ExperimentalConfig && other.baseConfig == baseConfig && other.externalConfig() == externalConfig()

    override fun hashCode(): Int = baseConfig.hashCode() * 31 + externalConfig().hashCode()

    override fun toString(): String =
        "ExperimentalConfig(baseConfig=$baseConfig, noiseEnabled=$noiseEnabled, bondDimension=$bondDimension, noiseModel=$noiseModel)"

    /** Builds an [ExperimentalConfig]. */
    public class Builder internal constructor(private var baseConfig: CompilerConfig) {
        private var noiseEnabled = false
        private var bondDimension: Int? = null
        private var noiseModel: JsonElement? = null

        /** The ordinary compiler configuration; default [CompilerConfig.defaults]. */
        public fun baseConfig(config: CompilerConfig): Builder = apply { baseConfig = config }

        /** Whether simulated noise is applied; default `false`. */
        public fun noiseEnabled(enabled: Boolean): Builder = apply { noiseEnabled = enabled }

        /** Tensor-network bond dimension, at least 1; `null` for the server default. */
        public fun bondDimension(dimension: Int?): Builder = apply { bondDimension = dimension }

        /** The noise model as raw JSON; `null` for the server default (Kotlin; Java: [noiseModelJson]). */
        @JvmSynthetic
        public fun noiseModel(model: JsonElement?): Builder = apply { noiseModel = model }

        /**
         * The noise model as JSON text; `null` for the server default.
         *
         * @throws ValidationException naming `noiseModel` for text that is not JSON
         */
        public fun noiseModelJson(model: String?): Builder = noiseModel(model?.let { JsonText.parse("noiseModel", it) })

        /** The noise model given by name. */
        public fun noiseModel(name: String): Builder = apply { noiseModel = JsonPrimitive(name) }

        /**
         * Checks and builds.
         *
         * @throws ValidationException naming `bondDimension` when it is below 1
         */
        public fun build(): ExperimentalConfig {
            val v = Validator()
            bondDimension?.let { v.check(it >= 1, "bondDimension", it, "must be at least 1") }
            v.throwIfAny()
            return ExperimentalConfig(baseConfig, noiseEnabled, bondDimension, noiseModel)
        }
    }

    /** Factories. */
    public companion object {
        private const val NOISE_ENABLED = "noise_enabled"
        private const val BOND_DIMENSION = "bond_dimension"
        private const val NOISE_MODEL = "noise_model"

        /** A builder with the default base config, noise off and no bond dimension or noise model. */
        @JvmStatic
        public fun builder(): Builder = Builder(CompilerConfig.defaults())

        /**
         * Rebuilds an experimental config from a task's `config` string and `external_config` JSON text.
         *
         * @throws ValidationException naming the offending field
         */
        @JvmStatic
        public fun fromWireJson(config: String, externalConfigJson: String): ExperimentalConfig =
            fromWire(config, JsonText.parseObject("external_config", externalConfigJson))

        /**
         * Rebuilds an experimental config from a task's `config` string and `external_config` object
         * (Kotlin; Java: [fromWireJson]).
         *
         * @throws ValidationException naming the offending field
         */
        @JvmSynthetic
        public fun fromWire(config: String, externalConfig: JsonObject): ExperimentalConfig {
            val enabled = externalConfig[NOISE_ENABLED]?.let {
                (it as? JsonPrimitive)?.takeIf { p -> !p.isString }?.booleanOrNull
                    ?: throw ValidationException("external_config.$NOISE_ENABLED", it.toString(), "must be true or false")
            } ?: false
            val dimension = externalConfig[BOND_DIMENSION]?.takeIf { it != JsonNull }?.let {
                (it as? JsonPrimitive)?.takeIf { p -> !p.isString }?.intOrNull
                    ?: throw ValidationException("external_config.$BOND_DIMENSION", it.toString(), "must be a whole number")
            }
            if (dimension != null && dimension < 1) {
                throw ValidationException("external_config.$BOND_DIMENSION", dimension, "must be at least 1")
            }
            return ExperimentalConfig(
                CompilerConfig.parse(config), enabled, dimension, externalConfig[NOISE_MODEL]?.takeIf { it != JsonNull },
            )
        }
    }
}
