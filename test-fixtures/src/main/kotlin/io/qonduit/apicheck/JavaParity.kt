package io.qonduit.apicheck

import kotlinx.coroutines.flow.Flow
import java.lang.reflect.Executable
import java.lang.reflect.GenericArrayType
import java.lang.reflect.Method
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType

/**
 * Checks that a public API is usable from Java. The rules, for every member of [PublicApi]:
 *
 * 1. a suspend function `foo` (last JVM parameter `kotlin.coroutines.Continuation`) needs a public
 *    `fooAsync` on the same type, its companion, or (for a companion member) the outer type;
 * 2. a function or property `foo` returning a `kotlinx.coroutines.flow.Flow` (any subtype, so also
 *    `StateFlow`) needs a `fooPublisher` in the same places;
 * 3. any other member must not mention a [KOTLIN_ONLY_TYPES] type anywhere in its generic signature.
 *
 * Exempt, and only these: members hidden from Java — synthetic ones (`@JvmSynthetic`, `$default`
 * bridges) and, for rules 2 and 3, names containing `-` (inline-class mangling) — and whatever is
 * not in [PublicApi] at all (`internal`, `@QonduitInternalApi`). Rule 1 strips the mangling suffix
 * (`waitFor-VtjQ1oo` needs `waitForAsync`). An offence of an override is attributed
 * ([Offence.className]) to the supertype that declares the member first.
 */
public object JavaParity {
    /** Types a Java caller should not have to handle; Java signatures use Java types instead. */
    public val KOTLIN_ONLY_TYPES: List<String> = listOf(
        "kotlin.Pair",
        "kotlin.Triple",
        "kotlinx.serialization.json.JsonElement",
        "kotlin.time.Duration",
    )

    /** Every offence in [api], sorted by [Offence.text]. */
    @JvmStatic
    public fun offenders(api: PublicApi, loader: ClassLoader = JavaParity::class.java.classLoader): List<Offence> {
        val kotlinOnly = KOTLIN_ONLY_TYPES.map { Class.forName(it, false, loader) }
        return api.classes.flatMap { c ->
            val type = Class.forName(c.binaryName, false, loader)
            c.members.filter { "synthetic" !in it.modifiers }.mapNotNull { m -> offence(type, m, kotlinOnly)?.let { Offence(origin(type, m).name, it) } }
        }.sortedBy { it.text }
    }

    private fun offence(type: Class<*>, m: ApiMember, kotlinOnly: List<Class<*>>): String? {
        val where = "${type.name}.${m.name}${m.descriptor}"
        if (m.isField) {
            val field = type.getDeclaredField(m.name)
            return if (mentions(field.genericType, kotlinOnly)) "$where: Kotlin-only type in a Java signature" else null
        }
        val member = executable(type, m)
        val params = member.parameterTypes
        if (params.lastOrNull()?.name == "kotlin.coroutines.Continuation") {
            val twin = m.name.substringBefore('-') + "Async"
            return if (hasTwin(type, twin)) null else "$where: suspend without $twin"
        }
        if ('-' in m.name) return null
        if (member is Method && Flow::class.java.isAssignableFrom(member.returnType)) {
            val twin = propertyName(member) + "Publisher"
            return if (hasTwin(type, twin)) null else "$where: Flow without $twin"
        }
        val types = member.genericParameterTypes.toList() + listOfNotNull((member as? Method)?.genericReturnType)
        return if (types.any { mentions(it, kotlinOnly) }) "$where: Kotlin-only type in a Java signature" else null
    }

    /**
     * The type that first declares [m]: an override is the business of the type that defines the
     * contract (so an SPI implementation is judged with its SPI).
     */
    private fun origin(type: Class<*>, m: ApiMember): Class<*> {
        if (m.isField || m.name == "<init>") return type
        val params = (executable(type, m) as Method).parameterTypes
        fun declares(t: Class<*>) = t.declaredMethods.any { it.name == m.name && it.parameterTypes.contentEquals(params) }
        fun supertypes(t: Class<*>): List<Class<*>> = (listOfNotNull(t.superclass) + t.interfaces).flatMap { listOf(it) + supertypes(it) }
        return supertypes(type).lastOrNull(::declares) ?: type
    }

    private fun executable(type: Class<*>, m: ApiMember): Executable {
        val candidates: List<Executable> =
            if (m.name == "<init>") type.declaredConstructors.toList() else type.declaredMethods.filter { it.name == m.name }
        return candidates.single { descriptor(it) == m.descriptor }
    }

    private fun propertyName(method: Method): String {
        val n = method.name
        return if (method.parameterCount == 0 && n.length > 3 && n.startsWith("get") && n[3].isUpperCase()) {
            n[3].lowercase() + n.substring(4)
        } else {
            n
        }
    }

    /** A public, Java-visible method [name] on [type], its companion, or the type a companion belongs to. */
    private fun hasTwin(type: Class<*>, name: String): Boolean {
        val companion = type.declaredClasses.firstOrNull { it.simpleName == "Companion" }
        val outer = type.declaringClass.takeIf { type.simpleName == "Companion" }
        return listOfNotNull(type, companion, outer).any { t -> t.methods.any { it.name == name && !it.isSynthetic } }
    }

    private fun mentions(t: Type, kotlinOnly: List<Class<*>>): Boolean = when (t) {
        is Class<*> -> if (t.isArray) mentions(t.componentType, kotlinOnly) else kotlinOnly.any { it.isAssignableFrom(t) }
        is ParameterizedType -> mentions(t.rawType, kotlinOnly) || t.actualTypeArguments.any { mentions(it, kotlinOnly) }
        is WildcardType -> (t.upperBounds + t.lowerBounds).any { mentions(it, kotlinOnly) }
        is GenericArrayType -> mentions(t.genericComponentType, kotlinOnly)
        else -> false // type variables: their bounds are checked where they are declared
    }

    private fun descriptor(e: Executable): String {
        val params = e.parameterTypes.joinToString("") { jvm(it) }
        val ret = if (e is Method) jvm(e.returnType) else "V"
        return "($params)$ret"
    }

    private fun jvm(c: Class<*>): String = when {
        c.isArray -> "[" + jvm(c.componentType)
        c.isPrimitive -> when (c) {
            Void.TYPE -> "V"; Boolean::class.javaPrimitiveType -> "Z"; Byte::class.javaPrimitiveType -> "B"
            Char::class.javaPrimitiveType -> "C"; Short::class.javaPrimitiveType -> "S"; Int::class.javaPrimitiveType -> "I"
            Long::class.javaPrimitiveType -> "J"; Float::class.javaPrimitiveType -> "F"; else -> "D"
        }
        else -> "L" + c.name.replace('.', '/') + ";"
    }
}

/** One broken rule: the class (binary name) and a line saying which member and which rule. */
public class Offence(
    /** Binary name of the class answerable for the member: its own, or the supertype it overrides. */
    public val className: String,
    /** `<class>.<member><descriptor>: <rule>`. */
    public val text: String,
) {
    override fun toString(): String = text
}
