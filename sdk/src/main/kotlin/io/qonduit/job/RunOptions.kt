package io.qonduit.job

import io.qonduit.JsonText
import io.qonduit.errors.ValidationException
import io.qonduit.program.Bindings
import kotlinx.serialization.json.JsonObject

/**
 * Provider-specific settings of a run, as a typed object (`QpiOptions`, `OqcOptions`, ...). A target
 * refuses options meant for another provider.
 */
public interface ProviderOptions {
    /** The provider these options are for (`"qpi"`, `"oqc"`, ...). */
    public val provider: String
}

/**
 * How a job runs: shots, seed, default parameter bindings, typed provider options and a raw JSON
 * escape hatch for provider settings Qonduit does not model yet.
 *
 * Kotlin: `RunOptions { shots = 1000; seed = 7 }`; Java: `RunOptions.builder().shots(1000).build()`.
 */
public class RunOptions private constructor(
    /** Shots for items that set none; null takes the provider's default. */
    public val shots: Int?,
    /** Seed for providers that sample reproducibly (the local simulator); null draws one. */
    public val seed: Long?,
    /** Bindings for items that set none. */
    public val bindings: Bindings,
    /** Typed provider settings, or null for the provider's defaults. */
    public val provider: ProviderOptions?,
    /**
     * Extra provider settings as JSON (Kotlin; Java: [rawJson]), for what Qonduit does not model yet:
     * QPI merges them into the job's submit body, OQC into each task; the local simulator refuses them.
     */
    @get:JvmSynthetic
    public val raw: JsonObject,
) {
    /** [raw] as JSON text, for Java callers. */
    public val rawJson: String get() = raw.toString()

    /** A builder starting from these options. */
    public fun toBuilder(): Builder = Builder().also {
        it.shots = shots
        it.seed = seed
        it.bindings = bindings
        it.provider = provider
        it.raw = raw
    }

    /** The typed options for [provider], or null when none were given. @throws ValidationException for another provider's options */
    public inline fun <reified T : ProviderOptions> providerOptions(provider: String): T? {
        val given = this.provider ?: return null
        if (given !is T || given.provider != provider) {
            throw ValidationException("options.provider", given.provider, "must be options for \"$provider\" (${T::class.simpleName})")
        }
        return given
    }

    override fun equals(other: Any?): Boolean = other is RunOptions && shots == other.shots && seed == other.seed &&
        bindings == other.bindings && provider == other.provider && raw == other.raw

    override fun hashCode(): Int = listOf(shots, seed, bindings, provider, raw).hashCode()

    override fun toString(): String = "RunOptions(shots=$shots, seed=$seed, bindings=$bindings, provider=$provider, raw=$raw)"

    /** Builds [RunOptions]; every setter returns the builder. */
    public class Builder internal constructor() {
        /** See [RunOptions.shots]. */
        public var shots: Int? = null

        /** See [RunOptions.seed]. */
        public var seed: Long? = null

        /** See [RunOptions.bindings]. */
        public var bindings: Bindings = Bindings.NONE

        /** See [RunOptions.provider]. */
        public var provider: ProviderOptions? = null

        /** See [RunOptions.raw] (Kotlin; Java sets it with [rawJson]). */
        @get:JvmSynthetic
        @set:JvmSynthetic
        public var raw: JsonObject = EMPTY_JSON

        /** Sets [shots]. */
        public fun shots(value: Int?): Builder = apply { shots = value }

        /** Sets [seed]. */
        public fun seed(value: Long?): Builder = apply { seed = value }

        /** Sets [bindings]. */
        public fun bindings(value: Bindings): Builder = apply { bindings = value }

        /** Sets [provider]. */
        public fun provider(value: ProviderOptions?): Builder = apply { provider = value }

        /**
         * Sets [raw] from JSON text (an object).
         *
         * @throws ValidationException when the text is not a JSON object
         */
        public fun rawJson(json: String): Builder = apply { raw = JsonText.parseObject("options.raw", json) }

        /**
         * The options.
         *
         * @throws ValidationException when shots are not positive
         */
        public fun build(): RunOptions {
            shots?.let { if (it < 1) throw ValidationException("options.shots", it, "must be at least 1") }
            return RunOptions(shots, seed, bindings, provider, raw)
        }
    }

    public companion object {
        internal val EMPTY_JSON = JsonObject(emptyMap())

        /** No shots, seed, bindings or provider settings: every provider's defaults. */
        @JvmField
        public val DEFAULT: RunOptions = RunOptions(null, null, Bindings.NONE, null, EMPTY_JSON)

        /** A builder for Java. */
        @JvmStatic
        public fun builder(): Builder = Builder()

        /** Options with [shots] shots and nothing else. */
        @JvmStatic
        public fun shots(shots: Int): RunOptions = builder().shots(shots).build()
    }
}

/** Kotlin: `RunOptions { shots = 1000; bindings = theta.bind(0.0, PI) }`. */
public fun RunOptions(configure: RunOptions.Builder.() -> Unit): RunOptions = RunOptions.builder().apply(configure).build()
