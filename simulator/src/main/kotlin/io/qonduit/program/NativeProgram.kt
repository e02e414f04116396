package io.qonduit.program

/**
 * A program in a provider's own format (for example Qibo's circuit JSON), passed through as text.
 * Only targets that know [format] accept it.
 */
public class NativeProgram(
    /** The format's name, as the provider that takes it documents it (e.g. `"qibo-json"`). */
    public val format: String,
    /** The program, unchanged. */
    public val text: String,
    /** The program's parameter names, when the format has any. */
    override val parameterNames: List<String> = emptyList(),
) : Program {
    override fun equals(other: Any?): Boolean =
        other is NativeProgram && other.format == format && other.text == text && other.parameterNames == parameterNames

    override fun hashCode(): Int = listOf(format, text, parameterNames).hashCode()

    override fun toString(): String = "NativeProgram($format, ${text.length} chars)"
}
