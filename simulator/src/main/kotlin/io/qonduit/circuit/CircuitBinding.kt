package io.qonduit.circuit

/**
 * [angle] with each parameter that [values] binds replaced by its number; other parameters stay.
 * Used to send a bound circuit to providers that take no parameters.
 */
internal fun bindAngle(angle: Angle, values: Map<String, Double>): Angle = when (angle) {
    is Parameter -> values[angle.name]?.let { Angle.of(it) } ?: angle
    is Angle.Value, is Angle.Constant -> angle
    is Angle.Negation -> -bindAngle(angle.operand, values)
    is Angle.Operation -> Angle.Operation(angle.operator, bindAngle(angle.left, values), bindAngle(angle.right, values))
    is Angle.Call -> Angle.Call(angle.function, bindAngle(angle.argument, values))
}

internal fun bindInstruction(instruction: Instruction, values: Map<String, Double>): Instruction = when (instruction) {
    is GateApplication -> GateApplication(instruction.gate, instruction.arguments.map { bindAngle(it, values) }, instruction.operands)
    is Conditional -> Conditional(instruction.condition, instruction.body.map { bindInstruction(it, values) })
    else -> instruction
}
