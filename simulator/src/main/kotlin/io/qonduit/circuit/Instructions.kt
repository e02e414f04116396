package io.qonduit.circuit

/**
 * One step of a [Circuit]. Instructions are immutable values compared structurally; they are created by
 * [CircuitBuilder] (or the OpenQASM parser), which checks them against the circuit's registers.
 */
public sealed interface Instruction

/** [gate] applied with [arguments] to [operands]; a register operand applies the gate to each of its qubits. */
public class GateApplication internal constructor(
    /** The gate. */
    public val gate: Gate,
    /** Its angles, as many as [Gate.numParameters]. */
    public val arguments: List<Angle>,
    /** Its qubits (or registers, broadcast), as many as [Gate.numQubits]. */
    public val operands: List<QubitOperand>,
) : Instruction {
    override fun equals(other: Any?): Boolean =
        other is GateApplication && other.gate == gate && other.arguments == arguments && other.operands == operands

    override fun hashCode(): Int = (gate.hashCode() * 31 + arguments.hashCode()) * 31 + operands.hashCode()
    override fun toString(): String = QasmWriter.statement(this)
}

/** Measures [source] into [target] bit by bit, or discards the outcome when [target] is null. */
public class Measurement internal constructor(
    /** The measured qubit or register. */
    public val source: QubitOperand,
    /** Where the outcome goes (same width as [source]), or null. */
    public val target: ClbitOperand?,
) : Instruction {
    override fun equals(other: Any?): Boolean = other is Measurement && other.source == source && other.target == target
    override fun hashCode(): Int = source.hashCode() * 31 + target.hashCode()
    override fun toString(): String = QasmWriter.statement(this)
}

/** Returns [target] to |0>. */
public class Reset internal constructor(
    /** The qubit or register reset. */
    public val target: QubitOperand,
) : Instruction {
    override fun equals(other: Any?): Boolean = other is Reset && other.target == target
    override fun hashCode(): Int = target.hashCode()
    override fun toString(): String = QasmWriter.statement(this)
}

/** Keeps instructions from being reordered across it; no [operands] means every qubit. */
public class Barrier internal constructor(
    /** The qubits or registers it spans. */
    public val operands: List<QubitOperand>,
) : Instruction {
    override fun equals(other: Any?): Boolean = other is Barrier && other.operands == operands
    override fun hashCode(): Int = operands.hashCode()
    override fun toString(): String = QasmWriter.statement(this)
}

/**
 * A classical test: the integer read from [operand] (bit 0 least significant) equals [value], or
 * differs from it when [equal] is false.
 */
public class Condition internal constructor(
    /** The register or single bit tested. */
    public val operand: ClbitOperand,
    /** The value compared with. */
    public val value: Long,
    /** True for `==`, false for `!=`. */
    public val equal: Boolean,
) {
    override fun equals(other: Any?): Boolean =
        other is Condition && other.operand == operand && other.value == value && other.equal == equal

    override fun hashCode(): Int = (operand.hashCode() * 31 + value.hashCode()) * 31 + equal.hashCode()
    override fun toString(): String = "${QasmWriter.operand(operand)} ${if (equal) "==" else "!="} $value"
}

/** Runs [body] only when [condition] holds at that point of the circuit. */
public class Conditional internal constructor(
    /** The test. */
    public val condition: Condition,
    /** The instructions it guards. */
    public val body: List<Instruction>,
) : Instruction {
    override fun equals(other: Any?): Boolean = other is Conditional && other.condition == condition && other.body == body
    override fun hashCode(): Int = condition.hashCode() * 31 + body.hashCode()
    override fun toString(): String = QasmWriter.statement(this)
}
