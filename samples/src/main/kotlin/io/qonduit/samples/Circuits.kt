package io.qonduit.samples

import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program

/** The circuits the samples run. */
public object Circuits {
    /** A Bell pair: counts only `00` and `11`. */
    @JvmField
    public val BELL: Program = OpenQasmProgram(
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

    /** An [n]-qubit GHZ state: all zeros or all ones. */
    @JvmStatic
    public fun ghz(n: Int): Program = OpenQasmProgram(
        buildString {
        appendLine("OPENQASM 2.0;")
        appendLine("include \"qelib1.inc\";")
        appendLine("qreg q[$n];")
        appendLine("creg c[$n];")
        appendLine("h q[0];")
        for (i in 1 until n) appendLine("cx q[${i - 1}], q[$i];")
        appendLine("measure q -> c;")
        },
    )

    /**
     * Teleports `ry(theta)|0>` from q[0] to q[2] with mid-circuit measurement and classically
     * controlled corrections; `out` reads 1 with probability sin²(theta/2).
     */
    @JvmField
    public val TELEPORT: Program = OpenQasmProgram(
        """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[3];
        creg m0[1];
        creg m1[1];
        creg out[1];
        ry(2*pi/3) q[0];
        h q[1];
        cx q[1], q[2];
        cx q[0], q[1];
        h q[0];
        measure q[0] -> m0[0];
        measure q[1] -> m1[0];
        if (m1 == 1) x q[2];
        if (m0 == 1) z q[2];
        measure q[2] -> out[0];
    """.trimIndent(),
    )
}
