package io.qonduit.apicheck

import com.github.difflib.DiffUtils
import com.github.difflib.UnifiedDiffUtils
import java.nio.file.Files
import java.nio.file.Path

/**
 * Compares a module's public API with its committed dump (`<module>/api/<artifactId>.api`).
 *
 * With system property `qonduit.api.update=true` the dump is (re)written instead. The Maven build
 * passes `qonduit.api.update`, `qonduit.api.classes` (the module's `target/classes`) and
 * `qonduit.api.file` to every test JVM.
 */
public object ApiDumpCheck {
    /** The one command that rewrites every module's dump. */
    public const val UPDATE_COMMAND: String =
        "mvn -B -q verify -Dqonduit.api.update=true -Dtest=ApiDumpTest -Dsurefire.failIfNoSpecifiedTests=false"

    /** Checks (or, when updating, rewrites) the dump of the module whose test JVM this is. */
    @JvmStatic
    public fun checkCurrentModule() {
        val classes = Path.of(property("qonduit.api.classes"))
        val file = Path.of(property("qonduit.api.file"))
        check(classes, file, update = System.getProperty("qonduit.api.update").toBoolean())
    }

    /** Compares the API of [classes] with [file]; fails with a diff and [UPDATE_COMMAND] when they differ. */
    @JvmStatic
    public fun check(classes: Path, file: Path, update: Boolean) {
        val actual = PublicApi.ofDirectory(classes).dump
        if (update) {
            Files.createDirectories(file.parent)
            Files.writeString(file, actual)
            return
        }
        val expected = if (Files.exists(file)) Files.readString(file) else ""
        if (expected != actual) {
            throw AssertionError(
                "The public API differs from $file (- committed, + compiled):\n" + unifiedDiff(expected, actual, file.fileName.toString()) +
                    "\nIf the change is intended, update the dump and commit it:\n  $UPDATE_COMMAND\n",
            )
        }
    }

    private fun unifiedDiff(expected: String, actual: String, name: String): String {
        val before = expected.lines()
        val patch = DiffUtils.diff(before, actual.lines())
        return UnifiedDiffUtils.generateUnifiedDiff("committed/$name", "compiled/$name", before, patch, 2).joinToString("\n")
    }

    private fun property(name: String): String =
        checkNotNull(System.getProperty(name)) { "system property $name is not set (the Maven surefire configuration sets it)" }
}
