package io.qonduit.testing

import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program

/** Programs the SDK's tests run. */
object Qasm {
    val BELL: Program = OpenQasmProgram(
        """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[2];
        creg c[2];
        h q[0];
        cx q[0], q[1];
        measure q -> c;
    """.trimIndent(),
    )

    fun ghz(n: Int): Program = OpenQasmProgram(ghzText(n))

    private fun ghzText(n: Int) = buildString {
        appendLine("OPENQASM 2.0;")
        appendLine("include \"qelib1.inc\";")
        appendLine("qreg q[$n];")
        appendLine("creg c[$n];")
        appendLine("h q[0];")
        for (i in 1 until n) appendLine("cx q[${i - 1}], q[$i];")
        appendLine("measure q -> c;")
    }

    /** x on qubit 0 of 3: big-endian key "100". */
    val X0: Program = OpenQasmProgram(
        """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[3];
        creg c[3];
        x q[0];
        measure q -> c;
    """.trimIndent(),
    )

    /** Text with an unknown gate: the provider reports the error. */
    val BROKEN: Program = OpenQasmProgram(
        """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[2];
        creg c[2];
        foo q[0];
    """.trimIndent(),
    )
}
