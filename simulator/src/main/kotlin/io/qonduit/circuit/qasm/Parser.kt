package io.qonduit.circuit.qasm

import io.qonduit.circuit.Circuit
import io.qonduit.circuit.CircuitBuilder
import io.qonduit.circuit.ClassicalRegister
import io.qonduit.circuit.ClbitOperand
import io.qonduit.circuit.Gate
import io.qonduit.circuit.GateBodyBuilder
import io.qonduit.circuit.GateDefinition
import io.qonduit.circuit.Parameter
import io.qonduit.circuit.QuantumRegister
import io.qonduit.circuit.QubitOperand
import io.qonduit.circuit.StandardDefinitions
import io.qonduit.circuit.StandardGate

/**
 * Recursive-descent parser for OpenQASM 2.0 and the OpenQASM 3 subset used by cloud providers. It
 * builds the [Circuit] model through [CircuitBuilder], so a parsed program obeys exactly the rules of
 * a DSL-built one; the parser only adds line and column to the builder's refusals.
 */
internal class Parser(
    source: String,
    /** Reading [StandardDefinitions]' own texts: definitions keep catalogue names and are not recognized. */
    private val readingReferences: Boolean = false,
) : ExpressionParser(Lexer(source).tokenize()) {
    private val builder = CircuitBuilder()
    private val qregs = HashMap<String, QuantumRegister>()
    private val cregs = HashMap<String, ClassicalRegister>()
    private val gates = HashMap<String, Gate>()

    /** `opaque` declarations: known names without a body, refused where they are called. */
    private val opaque = HashSet<String>()

    private var physical: QuantumRegister? = null

    /** The `gate` definitions read, by name. */
    val definitions: Map<String, GateDefinition> get() = gates.filterValues { it is GateDefinition }.mapValues { it.value as GateDefinition }

    fun parse(): Circuit {
        gates.putAll(StandardGate.BUILT_IN)
        declarePhysicalQubits()
        if (peek().isIdent("OPENQASM")) version()
        while (peek().kind != TokenKind.EOF) statement()
        return builder.build()
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
        if (highest >= 0) physical = builder.declarePhysicalQubits(highest + 1)
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
        if (t.kind != TokenKind.IDENT) syntax(t, "expected a statement but found $t")
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
            else -> if (t.text in cregs && (peek(1).isSymbol("=") || peek(1).isSymbol("["))) measureAssignment() else gateCall()
        }
    }

    private fun include() {
        next()
        val file = next()
        if (file.kind != TokenKind.STRING) syntax(file, "expected a quoted file name after include but found $file")
        val library = when (file.text) {
            "qelib1.inc" -> StandardGate.QELIB1
            "stdgates.inc" -> StandardGate.STDGATES
            else -> semantic(file, "cannot include \"${file.text}\": only qelib1.inc and stdgates.inc are available")
        }
        for ((name, gate) in library) gates.putIfAbsent(name, gate)
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
        // The model refuses bad sizes and names; point at whichever is wrong.
        located(if (size < 1) sizeToken else name) {
            if (quantum) {
                qregs[name.text] = builder.qreg(name.text, size)
            } else {
                cregs[name.text] = builder.creg(name.text, size)
            }
        }
    }

    /** `input float[64] theta;` / `input angle theta;`: a free parameter, bound when the circuit runs. */
    private fun input() {
        next()
        val type = expectIdent("a parameter type")
        if (type.text !in setOf("float", "angle", "int", "uint")) semantic(type, "unsupported input type '${type.text}' (use float or angle)")
        if (acceptSymbol("[")) { expectInt("type width"); expectSymbol("]") }
        val name = expectIdent("a parameter name")
        expectSymbol(";")
        located(name) { builder.input(Parameter(name.text)) }
        inputs += name.text
    }

    private fun gateDefinition() {
        next()
        val name = expectIdent("a gate name")
        if (name.text in gates || name.text in opaque) semantic(name, "gate '${name.text}' is already defined")
        val params = if (peek().isSymbol("(")) nameList("(", ")") else emptyList()
        val qubits = qubitNameList()
        val formals = params.map { it.text }.toSet()
        val standard = StandardGate.byName(name.text)
        val body = located(name) {
            GateBodyBuilder(name.text, qubits.size, params.map { located(it) { Parameter(it.text) } }, standard != null)
        }
        expectSymbol("{")
        while (!acceptSymbol("}")) {
            val t = peek()
            if (t.kind == TokenKind.EOF) syntax(t, "missing '}' to close gate '${name.text}'")
            if (t.isIdent("barrier")) {
                next()
                while (!acceptSymbol(";")) next()
                continue
            }
            val callName = peek()
            val gate = gateName()
            val args = if (peek().isSymbol("(")) exprList(formals) else emptyList()
            val qubitArgs = ArrayList<QubitOperand>()
            do {
                val q = expectIdent("a qubit argument")
                val position = qubits.indexOfFirst { it.text == q.text }
                if (position < 0) semantic(q, "'${q.text}' is not a qubit argument of gate '${name.text}'")
                qubitArgs += body.qubit(position)
            } while (acceptSymbol(","))
            expectSymbol(";")
            located(callName) { body.gate(gate, args, *qubitArgs.toTypedArray()) }
        }
        val definition = body.build()
        gates[name.text] = when {
            standard == null || readingReferences -> definition
            else -> StandardDefinitions.recognize(definition)
                ?: semantic(name, "gate '${name.text}' is the standard gate $standard; this definition differs from its reference")
        }
    }

    private fun opaqueDeclaration() {
        next()
        val name = expectIdent("a gate name")
        if (name.text in gates || name.text in opaque) semantic(name, "gate '${name.text}' is already defined")
        if (peek().isSymbol("(")) nameList("(", ")")
        qubitNameList()
        expectSymbol(";")
        opaque += name.text
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
        val keyword = next()
        val source = quantumOperand()
        if (acceptSymbol("->")) {
            val targetToken = peek()
            val target = classicalOperand()
            expectSymbol(";")
            located(targetToken) { builder.measure(source, target) }
        } else {
            expectSymbol(";")
            located(keyword) { builder.measure(source) }
        }
    }

    private fun measureAssignment() {
        val targetToken = peek()
        val target = classicalOperand()
        expectSymbol("=")
        val kw = expectIdent("'measure'")
        if (kw.text != "measure") semantic(kw, "only measurement results can be assigned to bits, found '${kw.text}'")
        val source = quantumOperand()
        expectSymbol(";")
        located(targetToken) { builder.measure(source, target) }
    }

    private fun reset() {
        val keyword = next()
        val operand = quantumOperand()
        expectSymbol(";")
        located(keyword) { builder.reset(operand) }
    }

    private fun barrier() {
        val keyword = next()
        val operands = ArrayList<QubitOperand>()
        if (!acceptSymbol(";")) {
            do operands += quantumOperand() while (acceptSymbol(","))
            expectSymbol(";")
        }
        located(keyword) { builder.barrier(*operands.toTypedArray()) }
    }

    /** `if (c == n) op;`, `if (c[0] == 1) op;`, `if (c[0]) op;`, `if (!c[0]) { ... }`. */
    private fun conditional() {
        next()
        expectSymbol("(")
        val negated = acceptSymbol("!")
        val operandToken = peek()
        val operand = classicalOperand()
        // Bare `if (c)` is true when any bit is set, `if (!c)` when none is.
        var value = 0L
        var equal = negated
        var valueToken = operandToken
        if (!negated && (peek().isSymbol("==") || peek().isSymbol("!="))) {
            equal = next().text == "=="
            valueToken = next()
            value = when {
                valueToken.kind == TokenKind.INT -> valueToken.text.toLongOrNull() ?: semantic(valueToken, "condition value ${valueToken.text} is too large")
                valueToken.isIdent("true") -> 1L
                valueToken.isIdent("false") -> 0L
                else -> syntax(valueToken, "expected an integer to compare '${operandToken.text}' with but found $valueToken")
            }
        }
        expectSymbol(")")
        located(valueToken) {
            builder.conditional(operand, value, equal) {
                nested(valueToken) {
                    if (acceptSymbol("{")) {
                        while (!acceptSymbol("}")) {
                            if (peek().kind == TokenKind.EOF) syntax(peek(), "missing '}' to close the if block")
                            statement()
                        }
                    } else {
                        statement()
                    }
                }
            }
        }
    }

    private fun gateCall() {
        val name = peek()
        val gate = gateName()
        val args = if (peek().isSymbol("(")) exprList(null) else emptyList()
        val operands = ArrayList<QubitOperand>()
        do operands += quantumOperand() while (acceptSymbol(","))
        expectSymbol(";")
        located(name) { builder.gate(gate, args, *operands.toTypedArray()) }
    }

    /**
     * A gate name, possibly behind `ctrl @`, `ctrl(n) @` and `inv @` modifiers; modified gates are read
     * only where they spell a catalogue gate (`ctrl(3) @ x` is `c3x`).
     */
    private fun gateName(): Gate {
        val first = peek()
        val spelling = StringBuilder()
        while ((peek().isIdent("ctrl") || peek().isIdent("inv")) && (peek(1).isSymbol("@") || peek(1).isSymbol("("))) {
            val modifier = next().text
            var count = 1
            if (modifier == "ctrl" && acceptSymbol("(")) { count = expectInt("a control count"); expectSymbol(")") }
            expectSymbol("@")
            spelling.append(if (count == 1) modifier else "$modifier($count)").append(" @ ")
        }
        val name = expectIdent("a gate name")
        val base = resolveGate(name)
        if (spelling.isEmpty()) return base
        spelling.append(base.gateName)
        return (base as? StandardGate)?.let { StandardDefinitions.byModifiers(spelling.toString()) }
            ?: semantic(first, "gate modifiers are supported only where they spell a standard gate (such as ctrl(3) @ x), not '$spelling'")
    }

    private fun resolveGate(name: Token): Gate {
        gates[name.text]?.let { return it }
        if (name.text in opaque) semantic(name, "opaque gate '${name.text}' has no definition and cannot be simulated")
        val hint = if (StandardGate.byName(name.text) != null) " (include \"qelib1.inc\" or \"stdgates.inc\" to use it)" else ""
        semantic(name, "unknown gate '${name.text}'$hint")
    }

    // ---------------------------------------------------------------- operands

    private fun quantumOperand(): QubitOperand {
        val t = peek()
        if (t.kind == TokenKind.HARDWARE_QUBIT) {
            next()
            return physical!![t.text.toInt()]
        }
        val reg = register(qregs, "quantum")
        return if (peek().isSymbol("[")) index { reg[it] } else reg
    }

    private fun classicalOperand(): ClbitOperand {
        val t = peek()
        if (t.kind == TokenKind.HARDWARE_QUBIT) semantic(t, "physical qubit \$${t.text} cannot be used as a classical bit")
        val reg = register(cregs, "classical")
        return if (peek().isSymbol("[")) index { reg[it] } else reg
    }

    private fun <R> register(registers: Map<String, R>, kind: String): R {
        val name = expectIdent("a $kind register")
        return registers[name.text] ?: run {
            val other = if (registers === qregs) cregs else qregs
            if (name.text in other) semantic(name, "'${name.text}' is not a $kind register")
            semantic(name, "undeclared $kind register '${name.text}'")
        }
    }

    /** `[i]`: [select] picks the bit, and a range error from the model points at the index. */
    private fun <T> index(select: (Int) -> T): T {
        expectSymbol("[")
        val indexToken = peek()
        val index = expectInt("an index")
        val bit = located(indexToken) { select(index) }
        expectSymbol("]")
        return bit
    }
}
