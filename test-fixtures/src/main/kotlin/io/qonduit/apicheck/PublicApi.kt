package io.qonduit.apicheck

import kotlinx.validation.api.dump
import kotlinx.validation.api.filterOutAnnotated
import kotlinx.validation.api.filterOutNonPublic
import kotlinx.validation.api.loadApiFromJvmClasses
import java.io.ByteArrayInputStream
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.extension

/**
 * The public API of some compiled classes as binary-compatibility-validator decides it (Kotlin
 * `internal` and private members, synthetic classes and anything marked with [INTERNAL_MARKERS]
 * are left out), printed in its `.api` dump format: classes sorted by name, members sorted.
 */
public class PublicApi private constructor(
    /** The `.api` dump text. */
    public val dump: String,
) {
    /** The classes of the dump with their members, in dump order (the input of [JavaParity]). */
    public val classes: List<ApiClass> by lazy { ApiClass.parse(dump) }

    public companion object {
        /** Opt-in markers whose declarations are not public API (JVM internal names). */
        public val INTERNAL_MARKERS: Set<String> = setOf("io/qonduit/QonduitInternalApi")

        /** The public API of every class file under [dir] (a module's `target/classes`). */
        @JvmStatic
        public fun ofDirectory(dir: Path): PublicApi {
            require(Files.isDirectory(dir)) { "no compiled classes at $dir" }
            val files = Files.walk(dir).use { s -> s.filter { it.extension == "class" }.sorted().toList() }
            return ofClassFiles(files)
        }

        /** The public API of exactly these class files. */
        @JvmStatic
        public fun ofClassFiles(files: List<Path>): PublicApi {
            val classBytes = files.asSequence().map { ByteArrayInputStream(Files.readAllBytes(it)) }
            val signatures = classBytes.loadApiFromJvmClasses()
                .filterOutNonPublic()
                .filterOutAnnotated(INTERNAL_MARKERS)
            return PublicApi(signatures.dump(StringBuilder()).toString())
        }
    }
}
