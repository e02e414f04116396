package io.qonduit.simulator.qasm

import io.qonduit.simulator.ClassicalRegister
import io.qonduit.simulator.QuantumCircuit
import io.qonduit.simulator.QuantumRegister
import java.util.BitSet

/**
 * Recursive-descent parser for OpenQASM 2.0 and the OpenQASM 3 subset used by cloud providers.
 * It expands gate definitions and register broadcasting on the fly into a flat list of [Op]s.
 */
internal class Parser(source: String, bindings: Map<String, Double>) :
    ExpressionParser(Lexer(source).tokenize(), bindings) {

    private class Register(val name: String, val offset: Int, val size: Int)

    /** A resolved top-level operand: one bit (`q[1]`) or a whole register (`q`) for broadcasting. */
    private class Operand(val indices: IntArray, val isRegister: Boolean, val token: Token)

    private val qregs = LinkedHashMap<String, Register>()
    private val cregs = LinkedHashMap<String, Register>()
    private var numQubits = 0
    private var numClbits = 0
    private val gates = HashMap<String, GateDefinition>()
    private val ops = ArrayList<Op>()
    private val measured = BitSet()
    private var midCircuit = false

    /** Where top-level ops go; replaced while parsing the body of an `if`. */
    private var emit: (Op) -> Unit = ::record

    fun parse(): QuantumCircuit {
        for (name in GateLibrary.BUILT_IN_NAMES) gates[name] = GateLibrary.get(name)
        declarePhysicalQubits()
        if (peek().isIdent("OPENQASM")) version()
        while (peek().kind != TokenKind.EOF) statement()
        return QuantumCircuit(
            numQubits = numQubits,
            numClbits = numClbits,
            classicalRegisters = cregs.values.map { ClassicalRegister(it.name, it.size) },
            quantumRegisters = qregs.values.map { QuantumRegister(it.name, it.size) },
            hasMidCircuitMeasurement = midCircuit,
            ops = ops,
        )
    }

    /**
     * OpenQASM 3 physical qubits (`$0`, `$3`, as in transpiled programs) need no declaration: they form an
     * implicit register named `$`, sized by the highest index used, ahead of any declared register.
     */
    private fun declarePhysicalQubits() {
        var highest = -1
        for (t in tokens) {
            if (t.kind != TokenKind.HARDWARE_QUBIT) continue
            val index = t.text.toIntOrNull() ?: semantic(t, "physical qubit \$${t.text} is out of range")
            highest = maxOf(highest, index)
        }
        if (highest >= 0) {
            qregs[PHYSICAL] = Register(PHYSICAL, 0, highest + 1)
            numQubits = highest + 1
        }
    }

    // ---------------------------------------------------------------- statements

    private fun version() {
        next()
        val t = next()
        if (t.kind != TokenKind.INT && t.kind != TokenKind.REAL) syntax(t, "expected a version number after OPENQASM but found $t")
        val major = t.text.substringBefore('.')
        if (major != "2" && major != "3") semantic(t, "unsupported OpenQASM version ${t.text} (supported: 2.0 and 3)")
        expectSymbol(";")
    }

    private fun statement() {
        val t = peek()
        if (t.kind != TokenKind.IDENT) {
            syntax(t, "expected a statement but found $t")
        }
        when (t.text) {
            "include" -> include()
            "qreg" -> declareLegacy(quantum = true)
            "creg" -> declareLegacy(quantum = false)
            "qubit" -> declareModern(quantum = true)
            "bit" -> declareModern(quantum = false)
            "input" -> input()
            "gate" -> gateDefinition()
            "opaque" -> opaqueDeclaration()
            "measure" -> measureArrow()
            "reset" -> reset()
            "barrier" -> barrier()
            "if" -> conditional()
            else -> if (t.text in cregs && (peek(1).isSymbol("=") || peek(1).isSymbol("["))) {
                measureAssignment()
            } else {
                gateCall()
            }
        }
    }

    private fun include() {
        next()
        val file = next()
        if (file.kind != TokenKind.STRING) syntax(file, "expected a quoted file name after include but found $file")
        val names = when (file.text) {
            "qelib1.inc" -> GateLibrary.QELIB1_NAMES
            "stdgates.inc" -> GateLibrary.STDGATES_NAMES
            else -> semantic(file, "cannot include \"${file.text}\": only qelib1.inc and stdgates.inc are available")
        }
        for (name in names) gates.putIfAbsent(name, GateLibrary.get(name))
        expectSymbol(";")
    }

    private fun declareLegacy(quantum: Boolean) {
        next()
        val name = expectIdent("a register name")
        expectSymbol("[")
        val sizeToken = peek()
        val size = expectInt("register size")
        expectSymbol("]")
        expectSymbol(";")
        declare(name, size, sizeToken, quantum)
    }

    private fun declareModern(quantum: Boolean) {
        next()
        var size = 1
        var sizeToken = peek()
        if (acceptSymbol("[")) {
            sizeToken = peek()
            size = expectInt("register size")
            expectSymbol("]")
        }
        val name = expectIdent("a register name")
        expectSymbol(";")
        declare(name, size, sizeToken, quantum)
    }

    private fun declare(name: Token, size: Int, sizeToken: Token, quantum: Boolean) {
        if (size < 1) semantic(sizeToken, "register '${name.text}' must have size >= 1, was $size")
        if (name.text in qregs || name.text in cregs || name.text in inputs) {
            semantic(name, "'${name.text}' is already declared")
        }
        if (quantum) {
            qregs[name.text] = Register(name.text, numQubits, size)
            numQubits += size
        } else {
            cregs[name.text] = Register(name.text, numClbits, size)
            numClbits += size
        }
    }

    /** `input float[64] theta;` / `input angle theta;`: a free parameter bound from the caller's map. */
    private fun input() {
        next()
        val type = expectIdent("a parameter type")
        if (type.text !in setOf("float", "angle", "int", "uint")) semantic(type, "unsupported input type '${type.text}' (use float or angle)")
        if (acceptSymbol("[")) { expectInt("type width"); expectSymbol("]") }
        val name = expectIdent("a parameter name")
        expectSymbol(";")
        if (name.text in inputs || name.text in qregs || name.text in cregs) semantic(name, "'${name.text}' is already declared")
        val value = bindings[name.text]
            ?: semantic(name, "unbound parameter '${name.text}': supply a value for it in parameters")
        inputs[name.text] = value
    }

    private fun gateDefinition() {
        next()
        val name = expectIdent("a gate name")
        if (name.text in gates) semantic(name, "gate '${name.text}' is already defined")
        val params = if (peek().isSymbol("(")) nameList("(", ")") else emptyList()
        val qubits = qubitNameList()
        val allowed = params.map { it.text }.toSet()
        expectSymbol("{")
        val body = ArrayList<GateCall>()
        while (!acceptSymbol("}")) {
            val t = peek()
            if (t.kind == TokenKind.EOF) syntax(t, "missing '}' to close gate '${name.text}'")
            if (t.isIdent("barrier")) {
                next()
                while (!acceptSymbol(";")) next()
                continue
            }
            val callName = expectIdent("a gate call")
            val def = gates[callName.text] ?: unknownGate(callName)
            val args = if (peek().isSymbol("(")) exprList(allowed) else emptyList()
            val qubitArgs = ArrayList<Token>()
            do {
                val q = expectIdent("a qubit argument")
                if (qubits.none { it.text == q.text }) semantic(q, "'${q.text}' is not a qubit argument of gate '${name.text}'")
                qubitArgs += q
            } while (acceptSymbol(","))
            expectSymbol(";")
            checkArity(def, callName, args.size, qubitArgs.size)
            body += GateCall(callName, args, qubitArgs)
        }
        gates[name.text] = UserGate(name.text, params.map { it.text }, qubits.map { it.text }, body)
    }

    private fun opaqueDeclaration() {
        next()
        val name = expectIdent("a gate name")
        if (name.text in gates) semantic(name, "gate '${name.text}' is already defined")
        val params = if (peek().isSymbol("(")) nameList("(", ")") else emptyList()
        val qubits = qubitNameList()
        expectSymbol(";")
        gates[name.text] = OpaqueGate(name.text, params.size, qubits.size)
    }

    private fun nameList(open: String, close: String): List<Token> {
        expectSymbol(open)
        val out = ArrayList<Token>()
        if (acceptSymbol(close)) return out
        do out += expectIdent("a parameter name") while (acceptSymbol(","))
        expectSymbol(close)
        return out
    }

    private fun qubitNameList(): List<Token> {
        val out = ArrayList<Token>()
        do {
            val q = expectIdent("a qubit argument name")
            if (out.any { it.text == q.text }) semantic(q, "duplicate qubit argument '${q.text}'")
            out += q
        } while (acceptSymbol(","))
        return out
    }

    private fun measureArrow() {
        next()
        val source = quantumOperand()
        if (acceptSymbol("->")) {
            val target = classicalOperand()
            expectSymbol(";")
            measure(source, target)
        } else {
            expectSymbol(";")
            for (q in source.indices) emitOp(MeasureOp(q, -1))
        }
    }

    private fun measureAssignment() {
        val target = classicalOperand()
        expectSymbol("=")
        val kw = expectIdent("'measure'")
        if (kw.text != "measure") semantic(kw, "only measurement results can be assigned to bits, found '${kw.text}'")
        val source = quantumOperand()
        expectSymbol(";")
        measure(source, target)
    }

    private fun measure(source: Operand, target: Operand) {
        if (source.indices.size != target.indices.size) {
            semantic(
                target.token,
                "cannot measure ${source.indices.size} qubit(s) of '${source.token.text}' into " +
                    "${target.indices.size} bit(s) of '${target.token.text}'",
            )
        }
        for (i in source.indices.indices) emitOp(MeasureOp(source.indices[i], target.indices[i]))
    }

    private fun reset() {
        next()
        val operand = quantumOperand()
        expectSymbol(";")
        for (q in operand.indices) emitOp(ResetOp(q))
    }

    private fun barrier() {
        next()
        if (acceptSymbol(";")) return
        do quantumOperand() while (acceptSymbol(","))
        expectSymbol(";")
    }

    /** `if (c == n) op;`, `if (c[0] == 1) op;`, `if (c[0]) op;`, `if (!c[0]) { ... }`. */
    private fun conditional() {
        next()
        expectSymbol("(")
        val negated = acceptSymbol("!")
        val operand = classicalOperand()
        // Bare `if (c)` is true when any bit is set, `if (!c)` when none is.
        var value = 0L
        var negate = !negated
        if (!negated && (peek().isSymbol("==") || peek().isSymbol("!="))) {
            negate = next().text == "!="
            val v = next()
            value = when {
                v.kind == TokenKind.INT -> v.text.toLongOrNull() ?: semantic(v, "condition value ${v.text} is too large")
                v.isIdent("true") -> 1L
                v.isIdent("false") -> 0L
                else -> syntax(v, "expected an integer to compare '${operand.token.text}' with but found $v")
            }
        }
        expectSymbol(")")
        val outer = emit
        val clbits = operand.indices
        midCircuit = true
        emit = { op -> outer(ConditionalOp(clbits, value, negate, op)) }
        try {
            if (acceptSymbol("{")) {
                while (!acceptSymbol("}")) {
                    if (peek().kind == TokenKind.EOF) syntax(peek(), "missing '}' to close the if block")
                    statement()
                }
            } else {
                statement()
            }
        } finally {
            emit = outer
        }
    }

    private fun gateCall() {
        val name = next()
        if (peek().isSymbol("@")) semantic(name, "gate modifiers ('${name.text} @') are not supported")
        val def = gates[name.text] ?: unknownGate(name)
        val args = if (peek().isSymbol("(")) exprList(emptySet()) else emptyList()
        val operands = ArrayList<Operand>()
        do operands += quantumOperand() while (acceptSymbol(","))
        expectSymbol(";")
        checkArity(def, name, args.size, operands.size)
        if (def is OpaqueGate) semantic(name, "opaque gate '${name.text}' has no definition and cannot be simulated")
        val params = DoubleArray(args.size) { args[it].eval(bindings) }

        var width = 1
        var widthSource: Operand? = null
        for (o in operands) {
            if (!o.isRegister) continue
            if (widthSource != null && o.indices.size != width) {
                semantic(o.token, "register '${o.token.text}' has size ${o.indices.size} but '${widthSource.token.text}' has size $width")
            }
            width = o.indices.size
            widthSource = o
        }
        val qubits = IntArray(operands.size)
        for (k in 0 until width) {
            for (i in operands.indices) {
                val o = operands[i]
                qubits[i] = if (o.isRegister) o.indices[k] else o.indices[0]
                for (j in 0 until i) if (qubits[j] == qubits[i]) semantic(o.token, "gate '${name.text}' uses the same qubit twice")
            }
            apply(def, params, qubits.copyOf())
        }
    }

    private fun unknownGate(name: Token): Nothing {
        val hint = if (name.text in GateLibrary.QELIB1_NAMES || name.text in GateLibrary.STDGATES_NAMES) {
            " (include \"qelib1.inc\" or \"stdgates.inc\" to use it)"
        } else {
            ""
        }
        semantic(name, "unknown gate '${name.text}'$hint")
    }

    private fun checkArity(def: GateDefinition, name: Token, numArgs: Int, numQubits: Int) {
        if (numArgs != def.numParams) {
            semantic(name, "gate '${name.text}' takes ${def.numParams} parameter(s) but $numArgs were given")
        }
        if (numQubits != def.numQubits) {
            semantic(name, "gate '${name.text}' acts on ${def.numQubits} qubit(s) but $numQubits were given")
        }
    }

    /** Expands [def] on global [qubits]; expressions see the caller's bindings (inputs are bound from them too). */
    private fun apply(def: GateDefinition, params: DoubleArray, qubits: IntArray) {
        when (def) {
            is BuiltinGate -> def.expand(params, qubits, ::emitOp)
            is UserGate -> {
                val env = HashMap(bindings)
                for (i in def.paramNames.indices) env[def.paramNames[i]] = params[i]
                for (call in def.body) {
                    val callDef = gates.getValue(call.name.text)
                    if (callDef is OpaqueGate) semantic(call.name, "opaque gate '${call.name.text}' has no definition and cannot be simulated")
                    val p = DoubleArray(call.args.size) { call.args[it].eval(env) }
                    val q = IntArray(call.qubits.size) { qubits[def.qubitNames.indexOf(call.qubits[it].text)] }
                    apply(callDef, p, q)
                }
            }
            is OpaqueGate -> error("opaque gates are rejected before expansion")
        }
    }

    private fun emitOp(op: Op) = emit(op)

    /** Final sink for top-level ops: tracks which qubits were measured to detect mid-circuit measurement. */
    private fun record(op: Op) {
        val inner = if (op is ConditionalOp) innermost(op) else op
        when (inner) {
            is UnitaryOp -> if (touchesMeasured(inner.target, inner.controls)) midCircuit = true
            is SwapOp -> if (measured[inner.a] || measured[inner.b] || touchesMeasured(inner.a, inner.controls)) midCircuit = true
            is MeasureOp -> measured.set(inner.qubit)
            is ResetOp -> midCircuit = true
            is ConditionalOp -> midCircuit = true
        }
        ops += op
    }

    private fun innermost(op: ConditionalOp): Op = if (op.op is ConditionalOp) innermost(op.op) else op.op

    private fun touchesMeasured(target: Int, controls: IntArray): Boolean =
        measured[target] || controls.any { measured[it] }

    // ---------------------------------------------------------------- operands

    private fun quantumOperand(): Operand = operand(qregs, "quantum")

    private fun classicalOperand(): Operand = operand(cregs, "classical")

    private fun operand(registers: Map<String, Register>, kind: String): Operand {
        val t = peek()
        if (t.kind == TokenKind.HARDWARE_QUBIT) {
            next()
            if (registers !== qregs) semantic(t, "physical qubit \$${t.text} cannot be used as a classical bit")
            return Operand(intArrayOf(t.text.toInt()), false, t)
        }
        val name = expectIdent("a $kind register")
        val reg = registers[name.text] ?: run {
            val other = if (registers === qregs) cregs else qregs
            if (name.text in other) semantic(name, "'${name.text}' is not a $kind register")
            semantic(name, "undeclared $kind register '${name.text}'")
        }
        if (!acceptSymbol("[")) return Operand(IntArray(reg.size) { reg.offset + it }, true, name)
        val indexToken = peek()
        val index = expectInt("an index")
        if (index >= reg.size) {
            semantic(indexToken, "index $index is out of range for register '${reg.name}' of size ${reg.size}")
        }
        expectSymbol("]")
        return Operand(intArrayOf(reg.offset + index), false, name)
    }

    private companion object {
        /** Name of the implicit register holding physical qubits. */
        const val PHYSICAL = "$"
    }
}
