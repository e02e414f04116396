package io.qonduit.qibo

import io.qonduit.circuit.Barrier
import io.qonduit.circuit.Circuit
import io.qonduit.circuit.Conditional
import io.qonduit.circuit.GateApplication
import io.qonduit.circuit.GateDefinition
import io.qonduit.circuit.Measurement
import io.qonduit.circuit.Reset
import io.qonduit.circuit.StandardGate
import io.qonduit.errors.ValidationException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject
import kotlin.math.PI

/**
 * Writes a [Circuit] as qibo's circuit JSON (`Circuit.raw`, read back by `Circuit.from_dict`):
 * `queue`, `nqubits`, `density_matrix`, `wire_names`, `qibo_version`, each gate with qibo's
 * `name`, `init_args`, `init_kwargs`, `_target_qubits`, `_control_qubits` and `_class` as qibo
 * 0.3.x writes them.
 *
 * Gate mapping: `id`/`u0` → `I`, `p` → `U1`, `cx` → `CNOT`, `cp` → `CU1`, `ccx` → `TOFFOLI`, the
 * multi-controlled `c3x`, `c4x`, `c3sqrtx`, `cswap` and `ch` → `X`/`SX`/`SWAP`/`H` with
 * `controlled_by` controls (qibo 0.3.2 has no `CH`), the rest by their own name. Qibo's `CU3` carries a phase `e^{-i(φ+λ)/2}` on the
 * controlled branch that OpenQASM's `cu3` lacks, so `cu3` and `cu` add a `U1` on the control to
 * cancel it. `rccx`, `rc3x` and user-defined gates are expanded into their definitions.
 *
 * Measurements: qibo allows one measurement gate per register name and measures at the end, so
 * every classical register becomes one `M` gate (register name = the register's), measuring the
 * qubits of its bits in bit order (`c[0]` first): qibo's frequency keys are then Qonduit's
 * big-endian register keys. Measurements must be terminal; barriers are dropped.
 *
 * Refused with a [ValidationException] naming the instruction: free parameters, resets,
 * conditionals, a measured qubit used afterwards, a classical bit written twice.
 */
public object QiboCircuitJson {
    /** The qibo version written as `qibo_version` (the qibo this SDK's JSON follows). */
    public const val QIBO_VERSION: String = "0.3.6"

    /** [circuit] as qibo's circuit JSON (Kotlin; Java: [writeText]). @throws ValidationException naming what qibo cannot take */
    @JvmSynthetic
    public fun write(circuit: Circuit): JsonObject = layout(circuit).json

    /** [write] as JSON text. @throws ValidationException naming what qibo cannot take */
    @JvmStatic
    public fun writeText(circuit: Circuit): String = write(circuit).toString()

    /** The JSON and where each measured column lands (register, bit). */
    internal class Layout(val json: JsonObject, val columns: List<Pair<String, Int>>, val registerSizes: Map<String, Int>)

    internal fun layout(circuit: Circuit, field: String = "circuit"): Layout {
        if (circuit.parameters.isNotEmpty()) {
            throw ValidationException(field, circuit.parameterNames, "qibo takes numbers: bind the parameters ${circuit.parameterNames} first")
        }
        val qubitIndex = HashMap<Pair<String, Int>, Int>()
        var next = 0
        for (r in circuit.quantumRegisters) for (i in 0 until r.size) qubitIndex[r.name to i] = next++
        fun index(q: io.qonduit.circuit.Qubit) = qubitIndex.getValue(q.register.name to q.index)

        val queue = ArrayList<JsonObject>()
        val measuredBits = LinkedHashMap<String, MutableMap<Int, Int>>() // creg -> bit -> qubit
        val measured = HashSet<Int>()
        circuit.instructions.forEachIndexed { n, instruction ->
            val where = "$field.instructions[$n]"
            when (instruction) {
                is GateApplication -> {
                    val broadcast = broadcast(instruction, ::index)
                    for (qubits in broadcast) {
                        qubits.firstOrNull { it in measured }?.let {
                            throw ValidationException(where, instruction.toString(), "qibo measures at the end: qubit $it is used after its measurement")
                        }
                        val args = instruction.arguments.map { it.evaluate(emptyMap()) }
                        emit(instruction.gate, args, qubits, where, queue, 0)
                    }
                }
                is Measurement -> {
                    val target = instruction.target ?: return@forEachIndexed
                    instruction.source.qubits.zip(target.clbits).forEach { (q, b) ->
                        val bits = measuredBits.getOrPut(b.register.name) { LinkedHashMap() }
                        if (bits.put(b.index, index(q)) != null) throw ValidationException(where, instruction.toString(), "each classical bit is measured once for qibo")
                        measured += index(q)
                    }
                }
                is Barrier -> Unit
                is Reset -> throw ValidationException(where, instruction.toString(), "qibo's circuit JSON has no reset")
                is Conditional -> throw ValidationException(where, instruction.toString(), "qibo's circuit JSON has no classically conditioned instructions")
            }
        }
        val columns = ArrayList<Pair<String, Int>>()
        for ((creg, bits) in measuredBits) {
            val ordered = bits.entries.sortedBy { it.key }
            queue += measure(ordered.map { it.value }, creg)
            ordered.forEach { columns += creg to it.key }
        }
        val json = buildJsonObject {
            put("queue", JsonArray(queue))
            put("nqubits", circuit.numQubits)
            put("density_matrix", false)
            putJsonArray("wire_names") { for (i in 0 until circuit.numQubits) add(JsonPrimitive(i)) }
            put("qibo_version", QIBO_VERSION)
        }
        return Layout(json, columns, circuit.classicalRegisters.associate { it.name to it.size })
    }

    private fun broadcast(g: GateApplication, index: (io.qonduit.circuit.Qubit) -> Int): List<List<Int>> {
        val width = g.operands.maxOf { it.qubits.size }
        return List(width) { i -> g.operands.map { op -> index(if (op.qubits.size == 1) op.qubits[0] else op.qubits[i]) } }
    }

    private fun emit(gate: io.qonduit.circuit.Gate, p: List<Double>, q: List<Int>, where: String, out: MutableList<JsonObject>, depth: Int) {
        if (depth > MAX_DEPTH) throw ValidationException(where, gate.gateName, "gate definitions nest deeper than $MAX_DEPTH")
        when (gate) {
            is GateDefinition -> {
                val values = gate.parameters.map { it.name }.zip(p).toMap()
                for (call in gate.body) emit(call.gate, call.arguments.map { it.evaluate(values) }, call.qubits.map { q[it] }, where, out, depth + 1)
            }
            is StandardGate -> standard(gate, p, q, out)
        }
    }

    private fun standard(g: StandardGate, p: List<Double>, q: List<Int>, out: MutableList<JsonObject>) {
        fun one(cls: String, name: String, vararg kw: Pair<String, Double>) { out += gate(cls, name, listOf(q[0]), q, emptyList(), kw.toList()) }
        fun controlled(cls: String, name: String, controls: Int, vararg kw: Pair<String, Double>) {
            out += gate(cls, name, q, q.drop(controls), q.take(controls), kw.toList())
        }
        fun byControls(cls: String, name: String, controls: Int) {
            out += gate(cls, name, q.drop(controls), q.drop(controls), q.take(controls), emptyList())
        }
        when (g) {
            StandardGate.ID, StandardGate.U0 -> out += gate("I", "id", listOf(q[0]), q, emptyList(), emptyList())
            StandardGate.X, StandardGate.Y, StandardGate.Z, StandardGate.H, StandardGate.S, StandardGate.SDG,
            StandardGate.T, StandardGate.TDG, StandardGate.SX, StandardGate.SXDG -> one(g.name, g.name.lowercase())
            StandardGate.RX, StandardGate.RY, StandardGate.RZ -> one(g.name, g.name.lowercase(), "theta" to p[0])
            StandardGate.P -> one("U1", "u1", "theta" to p[0])
            StandardGate.U2 -> one("U2", "u2", "phi" to p[0], "lam" to p[1])
            StandardGate.U3 -> one("U3", "u3", "theta" to p[0], "phi" to p[1], "lam" to p[2])
            StandardGate.CX -> controlled("CNOT", "cx", 1)
            StandardGate.CY, StandardGate.CZ, StandardGate.CSX -> controlled(g.name, g.name.lowercase(), 1)
            // qibo 0.3.2 (what qibo-client 0.2.4 pins) has no CH class; H.controlled_by reads in every 0.3.x.
            StandardGate.CH -> byControls("H", "h", 1)
            StandardGate.CRX, StandardGate.CRY, StandardGate.CRZ -> controlled(g.name, g.name.lowercase(), 1, "theta" to p[0])
            StandardGate.CP -> controlled("CU1", "cu1", 1, "theta" to p[0])
            StandardGate.CU3, StandardGate.CU -> {
                controlled("CU3", "cu3", 1, "theta" to p[0], "phi" to p[1], "lam" to p[2])
                val phase = (p[1] + p[2]) / 2 + (if (g == StandardGate.CU) p[3] else 0.0)
                if (phase != 0.0) out += gate("U1", "u1", listOf(q[0]), listOf(q[0]), emptyList(), listOf("theta" to phase))
            }
            StandardGate.CCX -> controlled("TOFFOLI", "ccx", 2)
            StandardGate.C3X -> byControls("X", "x", 3)
            StandardGate.C4X -> byControls("X", "x", 4)
            StandardGate.C3SQRTX -> byControls("SX", "sx", 3)
            StandardGate.SWAP -> out += gate("SWAP", "swap", q, q, emptyList(), emptyList())
            StandardGate.CSWAP -> byControls("SWAP", "swap", 1)
            StandardGate.RZZ, StandardGate.RXX -> out += gate(g.name, g.name.lowercase(), q, q, emptyList(), listOf("theta" to p[0]))
            StandardGate.RCCX, StandardGate.RC3X -> relativePhaseToffoli(g, q, out)
        }
    }

    /** `rccx` and `rc3x` as qelib1.inc defines them. */
    private fun relativePhaseToffoli(g: StandardGate, q: List<Int>, out: MutableList<JsonObject>) {
        val h = { t: Int -> standard(StandardGate.U2, listOf(0.0, PI), listOf(t), out) }
        val t = { x: Int -> standard(StandardGate.P, listOf(PI / 4), listOf(x), out) }
        val tdg = { x: Int -> standard(StandardGate.P, listOf(-PI / 4), listOf(x), out) }
        val cx = { c: Int, x: Int -> standard(StandardGate.CX, emptyList(), listOf(c, x), out) }
        if (g == StandardGate.RCCX) {
            val (a, b, c) = q
            h(c); t(c); cx(b, c); tdg(c); cx(a, c); t(c); cx(b, c); tdg(c); h(c)
        } else {
            val (a, b, c, d) = q
            h(d); t(d); cx(c, d); tdg(d); h(d); cx(a, d); t(d); cx(b, d); tdg(d); cx(a, d)
            t(d); cx(b, d); tdg(d); h(d); t(d); cx(c, d); tdg(d); h(d)
        }
    }

    private fun gate(cls: String, name: String, args: List<Int>, targets: List<Int>, controls: List<Int>, kwargs: List<Pair<String, Double>>) = buildJsonObject {
        put("name", name)
        put("init_args", ints(args))
        putJsonObject("init_kwargs") { kwargs.forEach { (k, v) -> put(k, v) } }
        put("_target_qubits", ints(targets))
        put("_control_qubits", ints(controls))
        put("_class", cls)
    }

    private fun measure(qubits: List<Int>, register: String) = buildJsonObject {
        put("name", "measure")
        put("init_args", ints(qubits))
        putJsonObject("init_kwargs") {
            put("register_name", register)
            put("collapse", false)
            putJsonArray("basis") { qubits.forEach { _ -> add(JsonPrimitive("Z")) } }
            put("p0", JsonNull)
            put("p1", JsonNull)
        }
        put("_target_qubits", ints(qubits))
        put("_control_qubits", JsonArray(emptyList()))
        put("_class", "M")
        putJsonObject("measurement_result") { put("samples", JsonNull) }
    }

    private fun ints(values: List<Int>) = buildJsonArray { values.forEach { add(JsonPrimitive(it)) } }

    private const val MAX_DEPTH = 64
}
