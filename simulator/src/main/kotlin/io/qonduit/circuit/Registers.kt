package io.qonduit.circuit

/** A named register of a circuit: quantum ([QuantumRegister]) or classical ([ClassicalRegister]). */
public sealed interface Register {
    /** The register's name, unique within a circuit. */
    public val name: String

    /** Number of bits. */
    public val size: Int
}

/**
 * What a quantum instruction acts on: one [Qubit], or a whole [QuantumRegister] (the instruction is
 * then applied to each of its qubits in turn, OpenQASM's broadcasting).
 */
public sealed interface QubitOperand {
    /** The register the operand belongs to. */
    public val register: QuantumRegister

    /** The qubits, in order. */
    public val qubits: List<Qubit>
}

/** What a classical operand names: one [Clbit] or a whole [ClassicalRegister]. */
public sealed interface ClbitOperand {
    /** The register the operand belongs to. */
    public val register: ClassicalRegister

    /** The bits, in order (index 0 is the least significant bit of the register's value). */
    public val clbits: List<Clbit>
}

/** A quantum register (`qubit[size] name;` / `qreg name[size];`). Get its qubits with `q[i]`. */
public class QuantumRegister(
    override val name: String,
    override val size: Int,
) : Register, QubitOperand {
    init {
        require(size >= 1) { "register '$name' must have size >= 1, was $size" }
    }

    /**
     * Qubit [index] of this register.
     *
     * @throws IllegalArgumentException naming the register and its size when [index] is not in `0 until size`
     */
    public operator fun get(index: Int): Qubit = Qubit(this, index)

    override val register: QuantumRegister get() = this
    override val qubits: List<Qubit> get() = List(size) { Qubit(this, it) }

    override fun equals(other: Any?): Boolean = other is QuantumRegister && other.name == name && other.size == size
    override fun hashCode(): Int = name.hashCode() * 31 + size
    override fun toString(): String = "qubit[$size] $name"
}

/** A classical register (`bit[size] name;` / `creg name[size];`). Get its bits with `c[i]`. */
public class ClassicalRegister(
    override val name: String,
    override val size: Int,
) : Register, ClbitOperand {
    init {
        require(size >= 1) { "register '$name' must have size >= 1, was $size" }
    }

    /**
     * Bit [index] of this register.
     *
     * @throws IllegalArgumentException naming the register and its size when [index] is not in `0 until size`
     */
    public operator fun get(index: Int): Clbit = Clbit(this, index)

    override val register: ClassicalRegister get() = this
    override val clbits: List<Clbit> get() = List(size) { Clbit(this, it) }

    override fun equals(other: Any?): Boolean = other is ClassicalRegister && other.name == name && other.size == size
    override fun hashCode(): Int = name.hashCode() * 31 + size
    override fun toString(): String = "bit[$size] $name"
}

/** Qubit [index] of [register]. */
public class Qubit(
    override val register: QuantumRegister,
    /** Position in the register, from 0. */
    public val index: Int,
) : QubitOperand {
    init {
        checkIndex(index, register)
    }

    override val qubits: List<Qubit> get() = listOf(this)

    override fun equals(other: Any?): Boolean = other is Qubit && other.register == register && other.index == index
    override fun hashCode(): Int = register.hashCode() * 31 + index
    override fun toString(): String = "${register.name}[$index]"
}

/** Bit [index] of [register]. */
public class Clbit(
    override val register: ClassicalRegister,
    /** Position in the register, from 0 (the least significant bit of the register's value). */
    public val index: Int,
) : ClbitOperand {
    init {
        checkIndex(index, register)
    }

    override val clbits: List<Clbit> get() = listOf(this)

    override fun equals(other: Any?): Boolean = other is Clbit && other.register == register && other.index == index
    override fun hashCode(): Int = register.hashCode() * 31 + index
    override fun toString(): String = "${register.name}[$index]"
}

private fun checkIndex(index: Int, register: Register) {
    require(index in 0 until register.size) {
        "index $index is out of range for register '${register.name}' of size ${register.size}"
    }
}
