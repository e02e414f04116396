package io.qonduit.samples

import io.qonduit.circuit.Angle
import io.qonduit.circuit.Circuit
import io.qonduit.circuit.circuit

/** The circuits the samples run, built with the circuit DSL. */
public object Circuits {
    /** A Bell pair: counts only `00` and `11`. */
    @JvmField
    public val BELL: Circuit = circuit {
        val q = qreg("q", 2)
        val c = creg("c", 2)
        h(q[0]); cx(q[0], q[1]); measure(q, c)
    }

    /** An [n]-qubit GHZ state: all zeros or all ones. */
    @JvmStatic
    public fun ghz(n: Int): Circuit = circuit {
        val q = qreg("q", n)
        val c = creg("c", n)
        h(q[0])
        for (i in 1 until n) cx(q[i - 1], q[i])
        measure(q, c)
    }

    /**
     * Teleports `ry(2π/3)|0>` from q[0] to q[2] with mid-circuit measurement and classically
     * controlled corrections; `out` reads 1 with probability sin²(π/3) = 0.75.
     */
    @JvmField
    public val TELEPORT: Circuit = circuit {
        val q = qreg("q", 3)
        val m0 = creg("m0", 1)
        val m1 = creg("m1", 1)
        val out = creg("out", 1)
        ry(Angle.PI * 2 / 3, q[0])
        h(q[1]); cx(q[1], q[2])
        cx(q[0], q[1]); h(q[0])
        measure(q[0], m0[0]); measure(q[1], m1[0])
        ifEquals(m1, 1) { x(q[2]) }
        ifEquals(m0, 1) { z(q[2]) }
        measure(q[2], out[0])
    }
}
