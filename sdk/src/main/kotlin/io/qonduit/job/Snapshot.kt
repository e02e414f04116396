package io.qonduit.job

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import java.time.Instant

/**
 * The saved state of a job or composite job. JSON with a `kind` discriminator (`"job"`,
 * `"composite"`) and a [schemaVersion]; unknown keys are ignored on reading. Snapshots name the
 * provider, never a credential: the live backend is attached again when loading.
 */
@Serializable
public sealed class Snapshot {
    /** Version of the snapshot schema this was written with. */
    public abstract val schemaVersion: Int

    public companion object {
        /** The schema version this Qonduit writes (it also reads version 1 files). */
        public const val SCHEMA_VERSION: Int = 2
    }
}

/** Complete state of one [Job]: inputs, current run, and every output so far. */
@Serializable
@SerialName("job")
public class JobSnapshot(
    override val schemaVersion: Int = SCHEMA_VERSION,
    /** The backend's provider name, e.g. `"qpi"`. */
    public val provider: String,
    /** What the job runs. */
    public val input: JobInput,
    /** The provider's task id of the current run, when submitted. */
    public val taskId: String? = null,
    /** State of the current run. */
    public val state: JobState = JobState.CREATED,
    /** The provider's last status string. */
    public val rawStatus: String? = null,
    /** Whether diagnostics are fetched on terminal states. */
    public val fetchDiagnostics: Boolean = false,
    /** Poll delays in milliseconds. */
    public val cadenceMillis: List<Long> = emptyList(),
    /** The submission in doubt, when [state] is [JobState.UNKNOWN_SUBMISSION]. */
    public val submissionInDoubt: DoubtfulSubmissionSnapshot? = null,
    /** Output of the current run, when it has finished. */
    public val output: OutputSnapshot? = null,
    /**
     * True when the output of the current run is the last entry of [history] (then [output] is not
     * written again, so a large result is stored once).
     */
    public val outputIsLatest: Boolean = false,
    /** Every output so far, oldest first. */
    public val history: List<OutputSnapshot> = emptyList(),
) : Snapshot()

/** Complete state of a [CompositeJob]: a snapshot of every child. */
@Serializable
@SerialName("composite")
public class CompositeJobSnapshot(
    override val schemaVersion: Int = SCHEMA_VERSION,
    /** The children. */
    public val jobs: List<JobSnapshot> = emptyList(),
    /** At most this many children are polled or submitted at once. */
    public val maxConcurrency: Int = CompositeJob.DEFAULT_MAX_CONCURRENCY,
) : Snapshot()

/** A saved submission in doubt: when it was sent (ISO-8601), the id allocated for it, how to look it up. */
@Serializable
public class DoubtfulSubmissionSnapshot(
    /** When the submission was sent. */
    public val sentAt: String,
    /** The task id the provider allocated for it beforehand, when it does. */
    public val candidate: String? = null,
    /** How to look for the task at the provider. */
    public val lookup: String = "",
)

/** A saved [JobOutput]. */
@Serializable
public sealed class OutputSnapshot {
    /** Task id of the run. */
    public abstract val taskId: String?

    /** What was run. */
    public abstract val input: JobInput

    /** When the output was received. */
    @Serializable(with = InstantSerializer::class)
    public abstract val received: Instant

    /** Diagnostics, when fetched. */
    public abstract val diagnostics: Diagnostics?

    internal abstract fun restore(): JobOutput

    internal companion object {
        fun of(output: JobOutput): OutputSnapshot = when (output) {
            is JobResult -> ResultSnapshot(output.taskId, output.input, output.received, output.diagnostics, output.items.map { ItemSnapshot.of(it) })
            is JobError -> ErrorSnapshot(output.taskId, output.input, output.received, output.diagnostics, output.code, output.message)
        }
    }
}

/** A saved [JobResult]. */
@Serializable
@SerialName("result")
public class ResultSnapshot(
    override val taskId: String? = null,
    override val input: JobInput,
    @Serializable(with = InstantSerializer::class) override val received: Instant,
    override val diagnostics: Diagnostics? = null,
    /** The result items. */
    public val items: List<ItemSnapshot> = emptyList(),
) : OutputSnapshot() {
    override fun restore(): JobOutput {
        val plan = input.plan()
        return JobResult(taskId, input, received, diagnostics, items.map { it.restore(input, plan) })
    }
}

/**
 * A saved [ResultItem]. The program and binding are not repeated: they are found in the input by
 * [programIndex] and [bindingIndex].
 */
@Serializable
public class ItemSnapshot(
    /** See [ResultItem.programIndex]. */
    public val programIndex: Int,
    /** See [ResultItem.bindingIndex]. */
    public val bindingIndex: Int? = null,
    /** See [ResultItem.shots]. */
    public val shots: Int? = null,
    /** See [ResultItem.counts]. */
    public val counts: Map<String, Map<String, Long>> = emptyMap(),
    /** See [ResultItem.memory]. */
    public val memory: Map<String, List<String>>? = null,
    /** See [ResultItem.expectationValues]: observable, value, std. */
    public val expectationValues: List<ExpectationValueSnapshot> = emptyList(),
    /** See [ResultItem.extras], as saved by its provider. */
    @Serializable(with = ExtrasSerializer::class)
    public val extras: ResultExtras? = null,
) {
    internal fun restore(input: JobInput, plan: List<PlannedRun>): ResultItem {
        val run = plan.firstOrNull { it.programIndex == programIndex && it.bindingIndex == bindingIndex }
            ?: throw SnapshotException("result item (program $programIndex, binding $bindingIndex) matches no program of the saved input")
        return ResultItem(run, shots, counts, memory, expectationValues.map { ExpectationValue(it.observable, it.value, it.std) }, extras)
    }

    internal companion object {
        fun of(item: ResultItem) = ItemSnapshot(
            item.programIndex, item.bindingIndex, item.shots, item.counts, item.memory,
            item.expectationValues.map { ExpectationValueSnapshot(it.observable, it.value, it.std) }, item.extras,
        )
    }
}

/** A saved [ExpectationValue]. */
@Serializable
public class ExpectationValueSnapshot(
    /** See [ExpectationValue.observable]. */
    public val observable: String,
    /** See [ExpectationValue.value]. */
    public val value: Double,
    /** See [ExpectationValue.std]. */
    public val std: Double? = null,
)

/** A saved [JobError]. */
@Serializable
@SerialName("error")
public class ErrorSnapshot(
    override val taskId: String? = null,
    override val input: JobInput,
    @Serializable(with = InstantSerializer::class) override val received: Instant,
    override val diagnostics: Diagnostics? = null,
    /** Provider error code. */
    public val code: Int? = null,
    /** Provider error message. */
    public val message: String = "",
) : OutputSnapshot() {
    override fun restore(): JobOutput = JobError(taskId, input, received, diagnostics, code, message)
}

/** ISO-8601 text for [Instant]. */
internal object InstantSerializer : KSerializer<Instant> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("io.qonduit.Instant", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: Instant) = encoder.encodeString(value.toString())

    // A SerializationException, so that a hand-edited time is a SnapshotException like any other bad field.
    override fun deserialize(decoder: Decoder): Instant {
        val text = decoder.decodeString()
        return try {
            Instant.parse(text)
        } catch (e: java.time.format.DateTimeParseException) {
            throw kotlinx.serialization.SerializationException("'$text' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z", e)
        }
    }
}
