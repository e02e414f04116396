package io.qonduit.circuit

/** What may name a register, parameter or gate, so that every circuit can be written as OpenQASM. */
internal object Identifiers {
    private val IDENTIFIER = Regex("[A-Za-z_][A-Za-z0-9_]*")

    /** Keywords of OpenQASM 2 and 3 that a name would collide with when the circuit is written out. */
    val RESERVED: Set<String> = setOf(
        "OPENQASM", "include", "qreg", "creg", "qubit", "bit", "input", "output", "gate", "opaque", "measure",
        "reset", "barrier", "if", "else", "for", "while", "float", "angle", "int", "uint", "bool", "const", "true",
        "false", "ctrl", "negctrl", "inv", "pow", "U", "CX", "gphase", "def", "return", "let",
    )

    fun isValid(name: String): Boolean = IDENTIFIER.matches(name)

    fun requireName(name: String, what: String) {
        require(isValid(name)) { "$what name '$name' is not an identifier" }
        require(name !in RESERVED && name !in MathConstant.BY_NAME && name !in AngleFunction.BY_NAME) {
            "$what name '$name' is reserved in OpenQASM"
        }
    }
}
