package io.qonduit.emulator.qibo

import io.qonduit.circuit.Angle
import io.qonduit.circuit.Circuit
import io.qonduit.circuit.StandardGate
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.intOrNull
import kotlin.math.PI

/** Why a posted circuit cannot run; the text is what the job's `stderr` shows, as qibo would raise it. */
internal class QiboCircuitException(message: String) : RuntimeException(message)

/**
 * A Qibo circuit ready for the simulator: [circuit] applies the unitary gates to `q[0..nqubits)`
 * and measures [measuredQubits] into `c[0..)` in measurement order, so that classical bit `i` is
 * character `i` of a count key, as in qibo's frequencies (first measured qubit leftmost).
 * [globalPhase] is the phase qibo's `U2`/`U3` carry over OpenQASM's `u2`/`u3`, to be multiplied
 * into the final state; [measurements] are the posted measurement gates (for `M.to_json()`).
 */
internal class QiboProgram(
    val circuit: Circuit,
    val nqubits: Int,
    val densityMatrix: Boolean,
    val measuredQubits: List<Int>,
    val measurements: List<JsonObject>,
    val globalPhase: Double,
)

/**
 * Reads the circuit JSON qibo-client posts (`Circuit.raw` of qibo 0.3: `queue` of gate dicts with
 * `name`, `init_args`, `init_kwargs`, `_target_qubits`, `_control_qubits`, `_class`, plus
 * `nqubits`, `density_matrix`, `wire_names`, `qibo_version`). Gates are matched by `_class`, as
 * qibo's `Gate.from_dict` does; controls first, then targets, as in [StandardGate]. Measurement
 * gates (`M`, not collapsing) are sampled from the final state, as qibo samples them.
 */
internal object QiboCircuitReader {
    /** A gate qibo knows and the emulator simulates: [gate] with [parameters] (names in `init_kwargs`). */
    private class Spec(val gate: StandardGate, val parameters: List<String> = emptyList(), val ownControls: Int = 0)

    private val GATES: Map<String, Spec> = mapOf(
        "H" to Spec(StandardGate.H), "X" to Spec(StandardGate.X), "Y" to Spec(StandardGate.Y), "Z" to Spec(StandardGate.Z),
        "SX" to Spec(StandardGate.SX), "SXDG" to Spec(StandardGate.SXDG), "S" to Spec(StandardGate.S), "SDG" to Spec(StandardGate.SDG),
        "T" to Spec(StandardGate.T), "TDG" to Spec(StandardGate.TDG), "I" to Spec(StandardGate.ID),
        "RX" to Spec(StandardGate.RX, listOf("theta")), "RY" to Spec(StandardGate.RY, listOf("theta")),
        "RZ" to Spec(StandardGate.RZ, listOf("theta")), "U1" to Spec(StandardGate.P, listOf("theta")),
        "U2" to Spec(StandardGate.U2, listOf("phi", "lam")), "U3" to Spec(StandardGate.U3, listOf("theta", "phi", "lam")),
        "CNOT" to Spec(StandardGate.CX, ownControls = 1), "CY" to Spec(StandardGate.CY, ownControls = 1),
        "CZ" to Spec(StandardGate.CZ, ownControls = 1), "CSX" to Spec(StandardGate.CSX, ownControls = 1),
        "CRX" to Spec(StandardGate.CRX, listOf("theta"), 1), "CRY" to Spec(StandardGate.CRY, listOf("theta"), 1),
        "CRZ" to Spec(StandardGate.CRZ, listOf("theta"), 1), "CU1" to Spec(StandardGate.CP, listOf("theta"), 1),
        "CU2" to Spec(StandardGate.CU, listOf("phi", "lam"), 1), "CU3" to Spec(StandardGate.CU, listOf("theta", "phi", "lam"), 1),
        "SWAP" to Spec(StandardGate.SWAP), "RXX" to Spec(StandardGate.RXX, listOf("theta")),
        "RZZ" to Spec(StandardGate.RZZ, listOf("theta")), "TOFFOLI" to Spec(StandardGate.CCX, ownControls = 2),
    )

    /**
     * `gate.controlled_by(...)` of a gate without controls of its own, by class and number of
     * controls: the class whose arguments apply and the gate to simulate. qibo already writes most
     * single-controlled gates as their controlled class (`RY(0).controlled_by(1)` is a `CRY`), but
     * keeps `H` and `SWAP` with `_control_qubits`; the others are here for hand-written circuits.
     */
    private val CONTROLLED: Map<Pair<String, Int>, Pair<String, Spec>> = listOf(
        Triple("X", 1, "CNOT"), Triple("X", 2, "TOFFOLI"), Triple("Y", 1, "CY"), Triple("Z", 1, "CZ"), Triple("SX", 1, "CSX"),
        Triple("RX", 1, "CRX"), Triple("RY", 1, "CRY"), Triple("RZ", 1, "CRZ"), Triple("U1", 1, "CU1"), Triple("U2", 1, "CU2"),
        Triple("U3", 1, "CU3"),
    ).associate { (base, controls, controlled) -> (base to controls) to (controlled to GATES.getValue(controlled)) } + mapOf(
        ("H" to 1) to ("H" to Spec(StandardGate.CH, ownControls = 1)),
        ("SWAP" to 1) to ("SWAP" to Spec(StandardGate.CSWAP, ownControls = 1)),
        ("X" to 3) to ("X" to Spec(StandardGate.C3X, ownControls = 3)),
        ("X" to 4) to ("X" to Spec(StandardGate.C4X, ownControls = 4)),
    )

    /** qibo 0.3's gate classes that the emulator does not simulate: a job using one ends in `error`. */
    private val KNOWN_UNSIMULATED = setOf(
        "Align", "PRX", "GPI", "GPI2", "U1q", "CSXDG", "iSWAP", "SiSWAP", "SiSWAPDG", "FSWAP", "fSim", "SYC",
        "GeneralizedfSim", "RYY", "RZX", "RXXYY", "MS", "GIVENS", "RBS", "ECR", "CCZ", "DEUTSCH", "FanOut",
        "GeneralizedRBS", "Unitary",
    )

    fun read(raw: JsonObject): QiboProgram {
        val nqubits = (raw["nqubits"] as? JsonPrimitive)?.takeIf { !it.isString }?.intOrNull
            ?: throw QiboCircuitException("KeyError: 'nqubits' (the circuit needs an integer nqubits)")
        if (nqubits < 1) throw QiboCircuitException("ValueError: nqubits must be at least 1, got $nqubits")
        val densityMatrix = (raw["density_matrix"] as? JsonPrimitive)?.booleanOrNull ?: false
        val queue = raw["queue"] as? JsonArray ?: throw QiboCircuitException("KeyError: 'queue' (the circuit needs a list of gates)")
        val builder = Circuit.builder()
        val q = builder.qreg("q", nqubits)
        val measured = ArrayList<Int>()
        val measurements = ArrayList<JsonObject>()
        var phase = 0.0
        queue.forEachIndexed { index, element ->
            val gate = element as? JsonObject ?: throw QiboCircuitException("TypeError: queue[$index] is not a gate dict")
            val className = (gate["_class"] as? JsonPrimitive)?.takeIf { it.isString }?.content
                ?: throw QiboCircuitException("KeyError: '_class' (queue[$index])")
            val targets = qubits(gate, "_target_qubits", index, nqubits)
            val controls = qubits(gate, "_control_qubits", index, nqubits)
            if ((targets + controls).toSet().size != targets.size + controls.size) {
                throw QiboCircuitException("ValueError: gate $className (queue[$index]) acts twice on one qubit: targets $targets, controls $controls")
            }
            if (className == "M") {
                if (kwarg(gate, "collapse")?.booleanOrNull == true) {
                    throw QiboCircuitException("NotImplementedError: collapsing measurements (M(collapse=True), queue[$index]) are not simulated by the emulator")
                }
                for (t in targets) {
                    if (t in measured) throw QiboCircuitException("KeyError: qubit $t is measured twice (queue[$index])")
                    measured += t
                }
                measurements += gate
                return@forEachIndexed
            }
            val (resolved, spec) = resolve(className, controls.size, index)
            val values = spec.parameters.map { name ->
                kwarg(gate, name)?.takeIf { !it.isString }?.doubleOrNull ?: throw QiboCircuitException("ValueError: gate $className (queue[$index]) needs a numeric init_kwargs.$name")
            }
            val wanted = spec.gate.numQubits
            if (controls.size + targets.size != wanted) {
                throw QiboCircuitException("ValueError: gate $className (queue[$index]) acts on ${controls.size + targets.size} qubits, expected $wanted")
            }
            val (arguments, gatePhase) = arguments(resolved, spec, values)
            phase += gatePhase
            builder.gate(spec.gate, arguments.map(Angle::of), *(controls + targets).map { q[it] }.toTypedArray())
        }
        val c = if (measured.isEmpty()) null else builder.creg("c", measured.size)
        if (c != null) measured.forEachIndexed { i, qubit -> builder.measure(q[qubit], c[i]) }
        return QiboProgram(builder.build(), nqubits, densityMatrix, measured, measurements, phase)
    }

    /** The class name and spec to simulate; a `controlled_by` gate resolves to its controlled class. */
    private fun resolve(className: String, controls: Int, index: Int): Pair<String, Spec> {
        val base = GATES[className]
        if (base != null && controls == base.ownControls) return className to base
        if (base != null && base.ownControls == 0) CONTROLLED[className to controls]?.let { return it }
        if (base != null && controls < base.ownControls) {
            throw QiboCircuitException("ValueError: gate $className (queue[$index]) needs ${base.ownControls} control qubit(s) in _control_qubits, got $controls")
        }
        if (base != null) {
            throw QiboCircuitException("NotImplementedError: $className controlled by $controls qubits (queue[$index]) is not simulated by the emulator")
        }
        if (className in KNOWN_UNSIMULATED) {
            throw QiboCircuitException("NotImplementedError: gate $className (queue[$index]) is not simulated by the emulator")
        }
        // What qibo's Gate.from_dict raises for a class it does not have.
        throw QiboCircuitException("ValueError: Unknown gate $className")
    }

    /**
     * OpenQASM arguments for a qibo gate, and the global phase qibo's matrix has over them: qibo's
     * `U3(θ, φ, λ)` is `e^{-i(φ+λ)/2}·u3(θ, φ, λ)` and `U2(φ, λ)` likewise; for the controlled forms
     * that phase is relative, so it becomes `cu`'s γ.
     */
    private fun arguments(className: String, spec: Spec, values: List<Double>): Pair<List<Double>, Double> = when (className) {
        "U2" -> values to -(values[0] + values[1]) / 2
        "U3" -> values to -(values[1] + values[2]) / 2
        "CU2" -> listOf(PI / 2, values[0], values[1], -(values[0] + values[1]) / 2) to 0.0
        "CU3" -> listOf(values[0], values[1], values[2], -(values[1] + values[2]) / 2) to 0.0
        else -> values.also { check(it.size == spec.gate.numParameters) } to 0.0
    }

    private fun kwarg(gate: JsonObject, name: String): JsonPrimitive? =
        ((gate["init_kwargs"] as? JsonObject)?.get(name) as? JsonPrimitive)?.takeIf { it !is JsonNull }

    private fun qubits(gate: JsonObject, key: String, index: Int, nqubits: Int): List<Int> {
        val list = gate[key] as? JsonArray ?: return emptyList()
        val values = list.map { e: JsonElement ->
            (e as? JsonPrimitive)?.takeIf { !it.isString }?.intOrNull
                ?: throw QiboCircuitException("TypeError: $key of queue[$index] must hold integers, got $list")
        }
        val outside = values.filter { it !in 0 until nqubits }
        if (outside.isNotEmpty()) {
            // qibo's Circuit.add: "Attempting to add gate with target qubits (5,) on a circuit of 3 qubits."
            // (for controls the emulator says "control qubits": inferred wording).
            val tuple = values.joinToString(", ", "(", if (values.size == 1) ",)" else ")")
            val kind = if (key == "_control_qubits") "control" else "target"
            throw QiboCircuitException("ValueError: Attempting to add gate with $kind qubits $tuple on a circuit of $nqubits qubits.")
        }
        return values
    }
}
