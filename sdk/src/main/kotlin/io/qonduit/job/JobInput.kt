package io.qonduit.job

import io.qonduit.errors.ValidationException
import io.qonduit.errors.Validator
import io.qonduit.program.Program
import kotlinx.serialization.Serializable

/**
 * What a job runs: its programs (each with optional shots and bindings), the device and the run
 * options. One job is one provider task; its result has one item per program × binding, in order.
 *
 * @property items the programs, in submission order
 * @property device the device on the provider (QPU id, backend name); targets fill it in
 * @property options shots, seed, default bindings and provider settings
 * @property tag an optional user label
 */
@Serializable(with = JobInputSerializer::class)
public class JobInput @JvmOverloads constructor(
    public val items: List<RunItem>,
    public val device: String,
    public val options: RunOptions = RunOptions.DEFAULT,
    public val tag: String? = null,
) {
    init {
        if (items.isEmpty()) throw ValidationException("programs", 0, "a job needs at least one program")
    }

    /** A job input running one [program]. */
    @JvmOverloads
    public constructor(program: Program, device: String, options: RunOptions = RunOptions.DEFAULT, tag: String? = null) :
        this(listOf(RunItem(program)), device, options, tag)

    /** The programs, in order. */
    public val programs: List<Program> get() = items.map { it.program }

    /** The only program. @throws IllegalStateException when the job holds several */
    public val program: Program
        get() = items.singleOrNull()?.program
            ?: throw IllegalStateException("this job holds ${items.size} programs; use items[i].program")

    /** A copy with the given parts replaced; null keeps the current value. */
    @JvmOverloads
    public fun with(
        items: List<RunItem>? = null,
        device: String? = null,
        options: RunOptions? = null,
        tag: String? = null,
    ): JobInput = JobInput(items ?: this.items, device ?: this.device, options ?: this.options, tag ?: this.tag)

    /**
     * Every (program, binding) pair this input runs, in result order: programs in order, each
     * program's bindings in order, an unbound program once (with a null binding index).
     */
    public fun plan(): List<PlannedRun> = items.flatMapIndexed { index, item ->
        val bindings = item.bindingsUnder(options)
        if (bindings.isEmpty()) listOf(PlannedRun(index, item, null, emptyMap()))
        else bindings.values.mapIndexed { b, binding -> PlannedRun(index, item, b, binding) }
    }

    /**
     * Records in [v] every binding that does not give each parameter of its program exactly one
     * finite value, and every parameterised program run without bindings (the rule every target
     * applies before sending).
     */
    public fun checkBindings(v: Validator) {
        items.forEachIndexed { i, item ->
            val names = item.program.parameterNames
            val bindings = item.bindingsUnder(options)
            if (bindings.isEmpty()) {
                v.check(names.isEmpty(), "programs[$i].bindings", "none", "the program has parameters $names: bind each of them")
            }
            bindings.values.forEachIndexed { b, binding ->
                val field = "programs[$i].bindings[$b]"
                (names - binding.keys).forEach { v.fail("$field.$it", null, "parameter '$it' of the program has no value") }
                (binding.keys - names.toSet()).forEach { v.fail("$field.$it", binding[it], "the program has no parameter '$it' (it has $names)") }
                binding.forEach { (name, value) -> v.check(value.isFinite(), "$field.$name", value, "must be a finite number") }
            }
            item.shots?.let { v.check(it >= 1, "programs[$i].shots", it, "must be at least 1") }
        }
    }

    override fun equals(other: Any?): Boolean =
        other is JobInput && items == other.items && device == other.device && options == other.options && tag == other.tag

    override fun hashCode(): Int = listOf(items, device, options, tag).hashCode()

    override fun toString(): String = "JobInput(device=$device, programs=${items.size}, options=$options, tag=$tag)"
}

/** One program × binding of a [JobInput.plan]: what one result item will come from. */
public class PlannedRun internal constructor(
    /** Index of the program in [JobInput.items]. */
    public val programIndex: Int,
    /** The run item. */
    public val item: RunItem,
    /** Index of the binding in the item's bindings; null for an unbound program. */
    public val bindingIndex: Int?,
    /** The parameter values (empty when unbound). */
    public val binding: Map<String, Double>,
) {
    /** The program. */
    public val program: Program get() = item.program
}
