package io.qonduit.circuit

import io.qonduit.circuit.AngleFormat.Dialect

/**
 * How catalogue gates are written per dialect. Every gate is in `qelib1.inc`; the ones `stdgates.inc`
 * lacks are written in OpenQASM 3 under their qelib1 name (first version: the definitions follow).
 */
internal object StandardDefinitions {
    fun nameIn(gate: StandardGate, dialect: Dialect): String =
        if (dialect == Dialect.QASM2) gate.qelib1Names.first() else gate.stdgatesNames.firstOrNull() ?: gate.qelib1Names.first()

    @Suppress("UNUSED_PARAMETER")
    fun needed(circuit: Circuit, dialect: Dialect): List<String> = emptyList()
}
