package io.qonduit.apicheck

/** One class of a `.api` dump: its JVM internal name and its public members. */
public class ApiClass(
    /** JVM internal name, e.g. `io/qonduit/qpi/QpiClient$Companion`. */
    public val internalName: String,
    /** Members as printed in the dump. */
    public val members: List<ApiMember>,
) {
    /** The binary name for [Class.forName], e.g. `io.qonduit.qpi.QpiClient$Companion`. */
    public val binaryName: String get() = internalName.replace('/', '.')

    /** The package, e.g. `io.qonduit.qpi`. */
    public val packageName: String get() = binaryName.substringBeforeLast('.', "")

    public companion object {
        private val CLASS_LINE = Regex("""^.*\b(?:class|interface) (\S+?)(?: : .*)? \{$""")
        private val MEMBER_LINE = Regex("""^\t(.*?)\b(fun|field) (\S+) (\S+)$""")

        /** Parses the dump text written by binary-compatibility-validator. */
        @JvmStatic
        public fun parse(dump: String): List<ApiClass> {
            val classes = mutableListOf<ApiClass>()
            var name: String? = null
            var members = mutableListOf<ApiMember>()
            for (line in dump.lineSequence()) {
                val cls = CLASS_LINE.matchEntire(line)
                val member = MEMBER_LINE.matchEntire(line)
                when {
                    cls != null -> { name = cls.groupValues[1]; members = mutableListOf() }
                    member != null -> members += ApiMember(
                        modifiers = member.groupValues[1].trim().split(' ').filter(String::isNotEmpty).toSet(),
                        isField = member.groupValues[2] == "field",
                        name = member.groupValues[3],
                        descriptor = member.groupValues[4],
                    )
                    line == "}" -> { classes += ApiClass(checkNotNull(name) { "member outside a class" }, members); name = null }
                }
            }
            return classes
        }
    }
}

/** One member line of a `.api` dump. */
public class ApiMember(
    /** `public`, `static`, `final`, `synthetic`, ... */
    public val modifiers: Set<String>,
    /** A field rather than a method or constructor. */
    public val isField: Boolean,
    /** JVM name (`<init>` for constructors). */
    public val name: String,
    /** JVM descriptor. */
    public val descriptor: String,
)
