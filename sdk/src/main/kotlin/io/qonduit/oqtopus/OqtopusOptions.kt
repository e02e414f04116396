package io.qonduit.oqtopus

import io.qonduit.JsonText
import io.qonduit.errors.ValidationException
import io.qonduit.job.ProviderOptions
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * OQTOPUS settings of a run on an [OqtopusTarget]: the job type, the estimation operator, name,
 * description and the free-form `transpiler_info`, `simulator_info` and `mitigation_info`.
 *
 * The job type defaults to estimation when [operators] are given, else sampling. Sampling and
 * estimation run one program per job (a run of several becomes a composite of jobs, in order);
 * multi-manual runs every program × binding in one job, with one result item per program.
 *
 * Kotlin: `OqtopusOptions(operators = listOf(OqtopusOperator("Z 0 Z 1")))`; Java: `OqtopusOptions.builder()...build()`.
 */
public class OqtopusOptions private constructor(
    /** The job type; null picks estimation with [operators], sampling without. */
    public val jobType: OqtopusJobType? = null,
    /** The estimation operator's Pauli terms. */
    public val operators: List<OqtopusOperator> = emptyList(),
    /** Job name. */
    public val name: String? = null,
    /** Job description. */
    public val description: String? = null,
    /** `transpiler_info` (Kotlin; Java: [Builder.transpilerInfoJson]). */
    @get:JvmSynthetic public val transpilerInfo: JsonObject?,
    /** `simulator_info` (Kotlin; Java: [Builder.simulatorInfoJson]). */
    @get:JvmSynthetic public val simulatorInfo: JsonObject?,
    /** `mitigation_info` (Kotlin; Java: [Builder.mitigationInfoJson]). */
    @get:JvmSynthetic public val mitigationInfo: JsonObject?,
) : ProviderOptions {
    /** Options without option objects; add them with [withInfo]. */
    @JvmOverloads
    public constructor(
        jobType: OqtopusJobType? = null,
        operators: List<OqtopusOperator> = emptyList(),
        name: String? = null,
        description: String? = null,
    ) : this(jobType, operators.toList(), name, description, null, null, null)

    /** A copy with `transpiler_info`, `simulator_info` and `mitigation_info` (Kotlin; Java: the [Builder]). */
    @JvmSynthetic
    public fun withInfo(transpilerInfo: JsonObject? = null, simulatorInfo: JsonObject? = null, mitigationInfo: JsonObject? = null): OqtopusOptions =
        OqtopusOptions(jobType, operators, name, description, transpilerInfo, simulatorInfo, mitigationInfo)

    init {
        if (jobType == OqtopusJobType.SSE) throw ValidationException("options.provider.jobType", "sse", "run SSE scripts with OqtopusTarget.createSse")
        if (operators.isNotEmpty() && jobType != null && jobType != OqtopusJobType.ESTIMATION) {
            throw ValidationException("options.provider.operators", operators.size, "operators are for estimation jobs, not ${jobType.wire}")
        }
        if (jobType == OqtopusJobType.ESTIMATION && operators.isEmpty()) {
            throw ValidationException("options.provider.operators", 0, "an estimation job needs at least one Pauli term")
        }
    }

    override val provider: String get() = OqtopusTarget.PROVIDER

    /** The job type a run with these options gets. */
    public val effectiveJobType: OqtopusJobType get() = jobType ?: if (operators.isEmpty()) OqtopusJobType.SAMPLING else OqtopusJobType.ESTIMATION

    override fun equals(other: Any?): Boolean = other is OqtopusOptions && toJson() == other.toJson()

    override fun hashCode(): Int = toJson().hashCode()

    override fun toString(): String = "OqtopusOptions(${effectiveJobType.wire}, operators=$operators)"

    internal fun toJson(): JsonObject = buildJsonObject {
        put("kind", provider)
        jobType?.let { put("job_type", it.wire) }
        put("operator", kotlinx.serialization.json.Json.encodeToJsonElement(ListSerializer(OqtopusOperator.serializer()), operators))
        name?.let { put("name", it) }
        description?.let { put("description", it) }
        transpilerInfo?.let { put("transpiler_info", it) }
        simulatorInfo?.let { put("simulator_info", it) }
        mitigationInfo?.let { put("mitigation_info", it) }
    }

    /** Builder for Java. */
    public class Builder internal constructor() {
        private var jobType: OqtopusJobType? = null
        private var operators: List<OqtopusOperator> = emptyList()
        private var name: String? = null
        private var description: String? = null
        private var transpilerInfo: JsonObject? = null
        private var simulatorInfo: JsonObject? = null
        private var mitigationInfo: JsonObject? = null

        /** Sets [OqtopusOptions.jobType]. */
        public fun jobType(value: OqtopusJobType?): Builder = apply { jobType = value }

        /** Sets [OqtopusOptions.operators]. */
        public fun operators(value: List<OqtopusOperator>): Builder = apply { operators = value.toList() }

        /** Sets [OqtopusOptions.name]. */
        public fun name(value: String?): Builder = apply { name = value }

        /** Sets [OqtopusOptions.description]. */
        public fun description(value: String?): Builder = apply { description = value }

        /** Sets `transpiler_info` from JSON text. */
        public fun transpilerInfoJson(value: String?): Builder = apply { transpilerInfo = value?.let { JsonText.parseObject("transpilerInfo", it) } }

        /** Sets `simulator_info` from JSON text. */
        public fun simulatorInfoJson(value: String?): Builder = apply { simulatorInfo = value?.let { JsonText.parseObject("simulatorInfo", it) } }

        /** Sets `mitigation_info` from JSON text. */
        public fun mitigationInfoJson(value: String?): Builder = apply { mitigationInfo = value?.let { JsonText.parseObject("mitigationInfo", it) } }

        /** The options. */
        public fun build(): OqtopusOptions = OqtopusOptions(jobType, operators, name, description).withInfo(transpilerInfo, simulatorInfo, mitigationInfo)
    }

    public companion object {
        /** A builder. */
        @JvmStatic
        public fun builder(): Builder = Builder()

        internal fun fromJson(json: JsonObject): OqtopusOptions = OqtopusOptions(
            OqtopusJobType.of((json["job_type"] as? JsonPrimitive)?.content),
            json["operator"]?.let { kotlinx.serialization.json.Json.decodeFromJsonElement(ListSerializer(OqtopusOperator.serializer()), it) }.orEmpty(),
            (json["name"] as? JsonPrimitive)?.content,
            (json["description"] as? JsonPrimitive)?.content,
        ).withInfo(
            json["transpiler_info"] as? JsonObject,
            json["simulator_info"] as? JsonObject,
            json["mitigation_info"] as? JsonObject,
        )
    }
}
