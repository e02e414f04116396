package io.qonduit.testing

import io.qonduit.circuit.Circuit
import io.qonduit.circuit.Parameter
import io.qonduit.circuit.circuit
import io.qonduit.program.OpenQasmProgram
import io.qonduit.program.Program

/** The circuits the SDK's tests run, built with the circuit DSL. */
object Circuits {
    /** The parameter of [ROTATION]. */
    @JvmField
    val THETA = Parameter("theta")

    /** A Bell pair: only `00` and `11`. */
    @JvmField
    val BELL: Circuit = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); measure(q, c)
    }

    /** An [n]-qubit GHZ state: all zeros or all ones. */
    @JvmStatic
    fun ghz(n: Int): Circuit = circuit {
        val q = qreg("q", n)
        val c = creg("c", n)
        h(q[0])
        for (i in 1 until n) cx(q[i - 1], q[i])
        measure(q, c)
    }

    /** x on qubit 0 of 3: big-endian key "100". */
    @JvmField
    val X0: Circuit = circuit {
        val q = qreg("q", 3)
        val c = creg("c", 3)
        x(q[0]); measure(q, c)
    }

    /** rx(theta) on one qubit: reads 0 at theta = 0 and 1 at theta = π. */
    @JvmField
    val ROTATION: Circuit = circuit {
        val q = qreg("q", 1)
        val c = creg("c", 1)
        rx(THETA, q[0]); measure(q, c)
    }

    /** OpenQASM with an unknown gate (the text is the point): the provider reports the error. */
    @JvmField
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
