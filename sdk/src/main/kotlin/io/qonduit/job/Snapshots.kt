package io.qonduit.job

import io.qonduit.backend.Backend
import io.qonduit.errors.QonduitException
import io.qonduit.errors.ResponseDecodeException
import io.qonduit.errors.ValidationException
import io.qonduit.transport.JsonDepth
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.encodeToStream
import kotlinx.serialization.json.intOrNull
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path

/** Finds the live backend for a provider name recorded in a snapshot. */
public fun interface BackendResolver {
    /** The backend for [provider], or null when none is known. */
    public fun backendFor(provider: String): Backend?

    public companion object {
        /** Resolves each of [backends] by its own provider name. */
        @JvmStatic
        public fun of(vararg backends: Backend): BackendResolver {
            val byName = backends.associateBy { it.provider }
            return BackendResolver { byName[it] }
        }
    }
}

/** A snapshot file or object could not be read or restored: damaged, from a future version, or hand-edited. */
public class SnapshotException @JvmOverloads constructor(
    message: String,
    cause: Throwable? = null,
    /** The snapshot field that broke a rule, e.g. `cadenceMillis[0]` or `jobs[2].output`, when one did. */
    public val field: String? = null,
) : QonduitException(message, cause)

/** Reading, writing and restoring [Snapshot]s. */
@OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
public object Snapshots {
    internal val json: Json = Json {
        prettyPrint = true
        ignoreUnknownKeys = true
        classDiscriminator = "kind"
        encodeDefaults = true
    }

    /** The snapshot as JSON text. */
    @JvmStatic
    public fun encode(snapshot: Snapshot): String = json.encodeToString(Snapshot.serializer(), snapshot)

    /**
     * Parses snapshot JSON.
     *
     * @throws SnapshotException for invalid JSON, a missing or unknown `kind`, a schema version this
     *   Qonduit does not read, or a field that breaks a rule (see [SnapshotException.field])
     */
    @JvmStatic
    public fun decode(text: String): Snapshot {
        // kotlinx.serialization reads a tree recursively: bound the nesting first (one rule, the transport's).
        if (JsonDepth.exceeds(text)) {
            throw SnapshotException("not a Qonduit job snapshot: JSON nests deeper than ${ResponseDecodeException.MAX_JSON_DEPTH} levels")
        }
        val snapshot = try {
            val tree = json.parseToJsonElement(text) as? JsonObject ?: throw SnapshotException("not a Qonduit job snapshot: not a JSON object")
            json.decodeFromJsonElement(Snapshot.serializer(), upgrade(tree))
        } catch (e: SerializationException) {
            throw SnapshotException("not a Qonduit job snapshot: ${e.message}", e)
        } catch (e: IllegalArgumentException) {
            throw SnapshotException("not a Qonduit job snapshot: ${e.message}", e)
        } catch (e: ValidationException) {
            // A stored program's options (an OQC config string, say) that no longer validate: the
            // snapshot is damaged or hand-edited, and the violation names the field.
            throw SnapshotException("not a Qonduit job snapshot: ${e.message}", e, e.violations.first().field)
        }
        checkVersion(snapshot)
        SnapshotChecks.check(snapshot)
        return snapshot
    }

    /** A version-1 tree rewritten as version 2; other versions unchanged (and refused by [checkVersion]). */
    private fun upgrade(tree: JsonObject): JsonObject =
        if ((tree["schemaVersion"] as? JsonPrimitive)?.intOrNull == 1) SnapshotV1.migrate(tree) else tree

    private fun checkVersion(snapshot: Snapshot) {
        val versions = listOf(snapshot.schemaVersion) + ((snapshot as? CompositeJobSnapshot)?.jobs?.map { it.schemaVersion } ?: emptyList())
        versions.firstOrNull { it != Snapshot.SCHEMA_VERSION }?.let {
            throw SnapshotException("unsupported snapshot schemaVersion $it (this Qonduit reads 1 and ${Snapshot.SCHEMA_VERSION})")
        }
    }

    /** Writes [snapshot] to [path] atomically: a temporary file in the same folder, then a move. */
    @JvmStatic
    public fun write(path: Path, snapshot: Snapshot) {
        val target = path.toAbsolutePath()
        if (target.parent == null) throw SnapshotException("no folder for $path")
        // Streamed to the file: a large composite is never held as one String.
        AtomicFiles.write(target) { out -> json.encodeToStream(Snapshot.serializer(), snapshot, out) }
    }

    /** Reads a snapshot file. @throws SnapshotException when it cannot be read or parsed */
    @JvmStatic
    public fun read(path: Path): Snapshot {
        val text = try {
            Files.readString(path)
        } catch (e: IOException) {
            throw SnapshotException("cannot read snapshot $path: $e", e)
        }
        return decode(text)
    }

    /** Rebuilds the job or composite of [snapshot], attached to the backends [resolver] finds. */
    @JvmStatic
    public fun restore(snapshot: Snapshot, resolver: BackendResolver): JobLike = when (snapshot) {
        is JobSnapshot -> Job.fromSnapshot(snapshot, resolver)
        is CompositeJobSnapshot -> CompositeJob.fromSnapshot(snapshot, resolver)
    }

    /** Reads [path] and rebuilds the job or composite it holds. */
    @JvmStatic
    public fun load(path: Path, resolver: BackendResolver): JobLike = restore(read(path), resolver)

    /** Reads [path] and rebuilds the job or composite it holds, attached to one of [backends]. */
    @JvmStatic
    public fun load(path: Path, vararg backends: Backend): JobLike = load(path, BackendResolver.of(*backends))

    internal fun backend(resolver: BackendResolver, provider: String): Backend =
        resolver.backendFor(provider) ?: throw SnapshotException("no backend for provider '$provider' was given to restore this snapshot")
}
