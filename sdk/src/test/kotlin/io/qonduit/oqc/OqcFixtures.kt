package io.qonduit.oqc

import java.io.File

/** Reads files from the shared OQC fixtures folder. */
internal object OqcFixtures {
    val dir: File by lazy {
        val shared = System.getProperty("qonduit.shared.dir") ?: "../../shared"
        File(shared, "reference/fixtures/oqc").also { check(it.isDirectory) { "no OQC fixtures at $it" } }
    }

    fun text(name: String): String = File(dir, name).readText()

    /** The file content without the trailing newline the fixture files end with (Python emits none). */
    fun pythonOutput(name: String): String = text(name).removeSuffix("\n")

    fun names(): List<String> = dir.list()!!.sorted()
}
