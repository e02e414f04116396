package io.qonduit.circuit

import io.qonduit.circuit.AngleFormat.Dialect
import io.qonduit.circuit.qasm.Parser

/**
 * How catalogue gates are written per dialect. Every gate is in `qelib1.inc`, so OpenQASM 2 uses its
 * qelib1 name. For the gates `stdgates.inc` lacks, OpenQASM 3 output stays readable by any OpenQASM 3
 * tool: an exact gate-modifier spelling where one exists (`ctrl(3) @ x`), otherwise a `gate` definition
 * written ahead of the circuit, which [OpenQasm.parse] reads back as the catalogue gate because its body
 * equals the reference below.
 */
internal object StandardDefinitions {
    private val MODIFIED: Map<StandardGate, String> = mapOf(
        StandardGate.SXDG to "inv @ sx",
        StandardGate.CSX to "ctrl @ sx",
        StandardGate.CU3 to "ctrl @ u3",
        StandardGate.C3X to "ctrl(3) @ x",
        StandardGate.C4X to "ctrl(4) @ x",
        StandardGate.C3SQRTX to "ctrl(3) @ sx",
    )

    /** Modifier spellings read by the parser: the ones written plus the natural ones of stdgates gates. */
    private val BY_MODIFIED: Map<String, StandardGate> = MODIFIED.entries.associate { (g, s) -> s to g } + mapOf(
        "ctrl @ x" to StandardGate.CX, "ctrl(2) @ x" to StandardGate.CCX, "ctrl @ y" to StandardGate.CY,
        "ctrl @ z" to StandardGate.CZ, "ctrl @ h" to StandardGate.CH, "ctrl @ p" to StandardGate.CP,
        "ctrl @ rx" to StandardGate.CRX, "ctrl @ ry" to StandardGate.CRY, "ctrl @ rz" to StandardGate.CRZ,
        "ctrl @ swap" to StandardGate.CSWAP, "inv @ s" to StandardGate.SDG, "inv @ t" to StandardGate.TDG,
    )

    /** Exact definitions in stdgates gates: the same decompositions the simulator applies. */
    private val DEFINITIONS: Map<StandardGate, String> = mapOf(
        StandardGate.U0 to "gate u0(gamma) a { U(0, 0, 0) a; }",
        StandardGate.RZZ to "gate rzz(theta) a, b { cx a, b; rz(theta) b; cx a, b; }",
        StandardGate.RXX to "gate rxx(theta) a, b { h a; h b; cx a, b; rz(theta) b; cx a, b; h a; h b; }",
        StandardGate.RCCX to "gate rccx a, b, c { u2(0, pi) c; p(pi / 4) c; cx b, c; p(-pi / 4) c; cx a, c; " +
            "p(pi / 4) c; cx b, c; p(-pi / 4) c; u2(0, pi) c; }",
        StandardGate.RC3X to "gate rc3x a, b, c, d { u2(0, pi) d; p(pi / 4) d; cx c, d; p(-pi / 4) d; u2(0, pi) d; " +
            "cx a, d; p(pi / 4) d; cx b, d; p(-pi / 4) d; cx a, d; p(pi / 4) d; cx b, d; p(-pi / 4) d; u2(0, pi) d; " +
            "p(pi / 4) d; cx c, d; p(-pi / 4) d; u2(0, pi) d; }",
    )

    /** The definitions as models, parsed once by the parser in reference mode. */
    val references: Map<StandardGate, GateDefinition> by lazy {
        val text = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + DEFINITIONS.values.joinToString("\n")
        val parsed = Parser(text, readingReferences = true).apply { parse() }.definitions
        DEFINITIONS.keys.associateWith { parsed.getValue(it.qelib1Names.first()) }
    }

    /** The catalogue gate whose reference definition [definition] is, if any. */
    fun recognize(definition: GateDefinition): StandardGate? =
        references.entries.firstOrNull { it.value == definition }?.key

    /** The catalogue gate a modifier spelling such as `ctrl(3) @ x` stands for, if any. */
    fun byModifiers(spelling: String): StandardGate? = BY_MODIFIED[spelling]

    fun nameIn(gate: StandardGate, dialect: Dialect): String = when {
        dialect == Dialect.QASM2 -> gate.qelib1Names.first()
        gate.stdgatesNames.isNotEmpty() -> gate.stdgatesNames.first()
        else -> MODIFIED[gate] ?: gate.qelib1Names.first()
    }

    /** The `gate` statements OpenQASM 3 output needs for catalogue gates without a stdgates name or spelling. */
    fun needed(circuit: Circuit, dialect: Dialect): List<String> {
        if (dialect == Dialect.QASM2) return emptyList()
        val used = HashSet<StandardGate>()
        fun visit(gate: Gate) {
            when (gate) {
                is StandardGate -> used += gate
                is GateDefinition -> gate.body.forEach { visit(it.gate) }
            }
        }
        fun visitAll(list: List<Instruction>) {
            for (i in list) {
                if (i is GateApplication) visit(i.gate)
                if (i is Conditional) visitAll(i.body)
            }
        }
        visitAll(circuit.instructions)
        return references.filterKeys { it in used }.values.map { QasmWriter.definition(it, dialect) }
    }
}
