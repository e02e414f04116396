package io.qonduit.oqc.config

import io.qonduit.JsonText
import kotlinx.serialization.json.JsonObject

/** The `optimizations` entry of a config: which compiler passes the server runs. */
public sealed class Optimizations {
    /** The Python class name written in `$type`, e.g. `Qasm2Optimizations`. */
    public abstract val typeName: String
}

/**
 * Optimisations for OpenQASM 2 programs (`Qasm2Optimizations`): Qiskit and Tket flag sets.
 * A `null` set travels as JSON `null`.
 */
public class Qasm2Optimizations @JvmOverloads constructor(
    qiskit: Set<QiskitOptimizations>? = setOf(QiskitOptimizations.EMPTY),
    tket: Set<TketOptimizations>? = TketOptimizations.one(),
) : Optimizations() {
    /** Qiskit passes (`qiskit_optimizations`). */
    public val qiskit: Set<QiskitOptimizations>? = qiskit?.let { immutableFlags(it) }

    /** Tket passes (`tket_optimizations`). */
    public val tket: Set<TketOptimizations>? = tket?.let { immutableFlags(it) }

    override val typeName: String get() = "Qasm2Optimizations"

    override fun equals(other: Any?): Boolean = other is Qasm2Optimizations && other.qiskit == qiskit && other.tket == tket

    override fun hashCode(): Int = (qiskit?.hashCode() ?: 0) * 31 + (tket?.hashCode() ?: 0)

    override fun toString(): String = "Qasm2Optimizations(qiskit=$qiskit, tket=$tket)"
}

/** Optimisations for OpenQASM 3 programs (`Qasm3Optimizations`); the class carries no settings. */
public class Qasm3Optimizations : Optimizations() {
    override val typeName: String get() = "Qasm3Optimizations"

    override fun equals(other: Any?): Boolean = other is Qasm3Optimizations

    override fun hashCode(): Int = typeName.hashCode()

    override fun toString(): String = "Qasm3Optimizations()"
}

/**
 * An optimisations object this SDK does not model (e.g. `QIROptimizations`, `Tket`, or one with
 * settings added by a newer library). Its `$data` is kept verbatim so it is sent back unchanged.
 *
 * Kotlin: `RawOptimizations("QIROptimizations", data)`; Java: `RawOptimizations.of("QIROptimizations", "{...}")`.
 */
public class RawOptimizations private constructor(
    override val typeName: String,
    /** The object's `$data`, as received (Kotlin; Java: [dataJson]). */
    @get:JvmSynthetic
    public val data: JsonObject,
) : Optimizations() {
    /** [data] as JSON text. */
    public val dataJson: String get() = data.toString()

    override fun equals(other: Any?): Boolean = other is RawOptimizations && other.typeName == typeName && other.data == data

    override fun hashCode(): Int = typeName.hashCode() * 31 + data.hashCode()

    override fun toString(): String = "RawOptimizations($typeName, $data)"

    /** Factories. */
    public companion object {
        /** An optimisations object of Python class [typeName] with `$data` [data] (Kotlin; Java: [of]). */
        @JvmSynthetic
        public operator fun invoke(typeName: String, data: JsonObject): RawOptimizations = RawOptimizations(typeName, data)

        /**
         * An optimisations object of Python class [typeName] with `$data` given as JSON text.
         *
         * @throws io.qonduit.errors.ValidationException naming `optimizations.$data` when it is not a JSON object
         */
        @JvmStatic
        public fun of(typeName: String, dataJson: String): RawOptimizations =
            RawOptimizations(typeName, JsonText.parseObject("optimizations.\$data", dataJson))
    }
}
