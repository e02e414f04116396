package io.qonduit.oqtopus

import io.qonduit.errors.ValidationException
import io.qonduit.errors.Validator
import kotlinx.serialization.json.JsonObject
import java.nio.file.Files
import java.nio.file.Path

/** OQTOPUS job types (`jobs.JobType`). */
public enum class OqtopusJobType(
    /** The wire name. */
    public val wire: String,
) {
    /** Counts of one program. */
    SAMPLING("sampling"),

    /** Expectation value of an operator on one program's state. */
    ESTIMATION("estimation"),

    /** Several programs combined into one run, with counts per program. */
    MULTI_MANUAL("multi_manual"),

    /** A Python script run server-side (server-side execution). */
    SSE("sse"),
    ;

    public companion object {
        /** The type named [wire], or null. */
        @JvmStatic
        public fun of(wire: String?): OqtopusJobType? = entries.firstOrNull { it.wire == wire }
    }
}

/**
 * One OQTOPUS job to submit, in the service's own terms (oqtopus-client's `OqtopusJobSpec`). Build
 * it with [sampling], [estimation], [multiManual], [sse] or [sseFile]; the checks run on creation.
 *
 * @property jobType the job type
 * @property deviceId the device
 * @property programs OpenQASM 3 programs (none for SSE)
 * @property operators the estimation operator's terms (estimation only)
 * @property sseProgram the Python script (SSE only)
 * @property shots shots, 1..10000000
 */
public class OqtopusJobSpec private constructor(
    public val jobType: OqtopusJobType,
    public val deviceId: String,
    public val programs: List<String>,
    public val operators: List<OqtopusOperator>,
    public val sseProgram: String?,
    public val shots: Int,
    /** Name, or null. */
    public val name: String?,
    /** Description, or null. */
    public val description: String?,
    /** `transpiler_info` (Kotlin). */
    @get:JvmSynthetic public val transpilerInfo: JsonObject?,
    /** `simulator_info` (Kotlin). */
    @get:JvmSynthetic public val simulatorInfo: JsonObject?,
    /** `mitigation_info` (Kotlin). */
    @get:JvmSynthetic public val mitigationInfo: JsonObject?,
) {
    internal fun inputJson(): InputJson = when (jobType) {
        OqtopusJobType.SSE -> InputJson(sseProgram = sseProgram)
        OqtopusJobType.ESTIMATION -> InputJson(program = programs, operator = operators)
        else -> InputJson(program = programs)
    }

    /**
     * The previous API's `job_info` (`jobs.SubmitJobInfo`, whose `program` is required): as [inputJson],
     * except that an SSE script goes base64-encoded as the one `program`, as the previous clients sent it.
     */
    internal fun inlineJobInfo(): InputJson = when (jobType) {
        OqtopusJobType.SSE -> InputJson(program = listOf(java.util.Base64.getEncoder().encodeToString(sseProgram.orEmpty().toByteArray(Charsets.UTF_8))))
        else -> inputJson()
    }

    internal fun submitRequest(inline: Boolean): SubmitRequest = SubmitRequest(
        name, description, deviceId, jobType.wire, if (inline) inlineJobInfo() else null,
        transpilerInfo, simulatorInfo, mitigationInfo, shots,
    )

    /** A copy with [name] and [description]. */
    public fun named(name: String?, description: String? = null): OqtopusJobSpec =
        OqtopusJobSpec(jobType, deviceId, programs, operators, sseProgram, shots, name, description, transpilerInfo, simulatorInfo, mitigationInfo)

    /** A copy with the option objects set (null keeps none). */
    @JvmSynthetic
    public fun withInfo(transpilerInfo: JsonObject? = null, simulatorInfo: JsonObject? = null, mitigationInfo: JsonObject? = null): OqtopusJobSpec =
        OqtopusJobSpec(jobType, deviceId, programs, operators, sseProgram, shots, name, description, transpilerInfo, simulatorInfo, mitigationInfo)

    /** [withInfo] for Java, from JSON text (null keeps none). */
    public fun withInfoJson(transpilerInfo: String?, simulatorInfo: String?, mitigationInfo: String?): OqtopusJobSpec = withInfo(
        transpilerInfo?.let { io.qonduit.JsonText.parseObject("transpilerInfo", it) },
        simulatorInfo?.let { io.qonduit.JsonText.parseObject("simulatorInfo", it) },
        mitigationInfo?.let { io.qonduit.JsonText.parseObject("mitigationInfo", it) },
    )

    override fun toString(): String = "OqtopusJobSpec(${jobType.wire}, device=$deviceId, programs=${programs.size}, shots=$shots)"

    public companion object {
        /** oqtopus-client's default shots. */
        public const val DEFAULT_SHOTS: Int = 1000

        /** The service's largest shot count. */
        public const val MAX_SHOTS: Int = 10_000_000

        /** oqtopus-client's SSE script limit: a file must be smaller than 10 MiB. */
        public const val MAX_SSE_FILE_BYTES: Long = 10L * 1024 * 1024

        /** A sampling job of one program. */
        @JvmStatic
        @JvmOverloads
        public fun sampling(deviceId: String, program: String, shots: Int = DEFAULT_SHOTS): OqtopusJobSpec =
            checked(OqtopusJobType.SAMPLING, deviceId, listOf(program), emptyList(), null, shots)

        /** An estimation job: ⟨[operators]⟩ on the state [program] prepares. */
        @JvmStatic
        @JvmOverloads
        public fun estimation(deviceId: String, program: String, operators: List<OqtopusOperator>, shots: Int = DEFAULT_SHOTS): OqtopusJobSpec =
            checked(OqtopusJobType.ESTIMATION, deviceId, listOf(program), operators, null, shots)

        /** A multi-manual job: [programs] run together, counts per program. */
        @JvmStatic
        @JvmOverloads
        public fun multiManual(deviceId: String, programs: List<String>, shots: Int = DEFAULT_SHOTS): OqtopusJobSpec =
            checked(OqtopusJobType.MULTI_MANUAL, deviceId, programs, emptyList(), null, shots)

        /** An SSE job running the Python [script]. */
        @JvmStatic
        @JvmOverloads
        public fun sse(deviceId: String, script: String, shots: Int = 1): OqtopusJobSpec =
            checked(OqtopusJobType.SSE, deviceId, emptyList(), emptyList(), script, shots)

        /**
         * An SSE job running the Python file [path], as oqtopus-client's `run_sse_file` reads it: an
         * existing `.py` file of UTF-8 text, smaller than [maxFileBytes].
         *
         * @throws ValidationException naming `file` and the limit otherwise
         */
        @JvmStatic
        @JvmOverloads
        public fun sseFile(deviceId: String, path: Path, shots: Int = 1, maxFileBytes: Long = MAX_SSE_FILE_BYTES): OqtopusJobSpec {
            val field = "file"
            if (!Files.isRegularFile(path)) throw ValidationException(field, path.toString(), "must be an existing file")
            if (!path.fileName.toString().endsWith(".py")) throw ValidationException(field, path.toString(), "must be a Python file (.py)")
            val size = Files.size(path)
            if (size >= maxFileBytes) throw ValidationException(field, size, "must be smaller than $maxFileBytes bytes")
            val bytes = Files.readAllBytes(path)
            val text = try {
                Charsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString()
            } catch (e: java.nio.charset.CharacterCodingException) {
                throw ValidationException(field, path.toString(), "must be UTF-8 text")
            }
            return sse(deviceId, text, shots)
        }

        private fun checked(
            type: OqtopusJobType,
            deviceId: String,
            programs: List<String>,
            operators: List<OqtopusOperator>,
            sse: String?,
            shots: Int,
        ): OqtopusJobSpec {
            val v = Validator()
            v.check(deviceId.isNotBlank(), "deviceId", deviceId, "must name a device")
            v.check(shots in 1..MAX_SHOTS, "shots", shots, "must be in 1..$MAX_SHOTS")
            when (type) {
                OqtopusJobType.SSE -> v.check(!sse.isNullOrBlank(), "sseProgram", sse, "must be a non-empty Python script")
                OqtopusJobType.MULTI_MANUAL -> v.check(programs.isNotEmpty(), "programs", programs.size, "a multi-manual job needs at least one program")
                else -> v.check(programs.size == 1, "programs", programs.size, "a ${type.wire} job runs exactly one program")
            }
            programs.forEachIndexed { i, p -> v.check(p.isNotBlank(), "programs[$i]", p, "must be OpenQASM 3 text") }
            if (type == OqtopusJobType.ESTIMATION) {
                v.check(operators.isNotEmpty(), "operators", 0, "an estimation job needs at least one Pauli term")
                operators.forEachIndexed { i, op ->
                    v.check(PAULI.matches(op.pauli.trim()), "operators[$i].pauli", op.pauli, "must be Pauli letters with qubit indices, e.g. \"X 0 Z 1\"")
                    v.check(op.coeff.isFinite(), "operators[$i].coeff", op.coeff, "must be a finite number")
                }
            }
            v.throwIfAny()
            return OqtopusJobSpec(type, deviceId, programs, operators, sse, shots, null, null, null, null, null)
        }

        private val PAULI = Regex("""^$|^([IXYZ]\s*\d+)(\s+[IXYZ]\s*\d+)*$""")
    }
}
