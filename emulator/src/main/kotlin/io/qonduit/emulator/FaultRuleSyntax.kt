package io.qonduit.emulator

import java.time.Duration

/**
 * The one-line text form of a [FaultRule], read from the command line (`--fault`) and from the
 * admin route (`POST /_emulator/faults`), and written back when rules are listed:
 *
 * ```
 * METHOD PATH KIND [ARGUMENT] [times=N] [p=P] [seed=S] [header=Name:Value]... [body=TEXT]
 * ```
 *
 * `METHOD` is an HTTP method or `*`; `PATH` a [FaultRule.pathPattern] (`*` one segment, `**`
 * anything); `KIND` one of `latency MILLIS`, `error STATUS`, `drop`, `lose-reply`. `header=` (repeatable)
 * and `body=` belong to `error`; `body=` takes the rest of the line, so it comes last. Examples:
 * `POST /qpi/api/jobs error 429 times=1 header=Retry-After:2`, `* /oqc/tasks latency 250 p=0.1 seed=7` (any method).
 */
internal object FaultRuleSyntax {
    private val KINDS = listOf("latency", "error", "drop", "lose-reply")

    /** A rule to show users. */
    const val EXAMPLE: String = "POST /qpi/api/jobs error 429 times=1 header=Retry-After:2"

    /** The rule [text] describes; [IllegalArgumentException] names the part that is wrong. */
    fun parse(text: String): FaultRule {
        val trimmed = text.trim()
        val bodyAt = Regex("(^|\\s)body=").find(trimmed)
        val body = bodyAt?.let { trimmed.substring(it.range.last + 1) }
        val words = (if (bodyAt == null) trimmed else trimmed.substring(0, bodyAt.range.first)).split(Regex("\\s+")).filter { it.isNotEmpty() }
        require(words.size >= 3) { "a fault rule is 'METHOD PATH KIND [ARGUMENT] [options]', got '$trimmed'" }
        val (method, path, kind) = words
        require(kind in KINDS) { "unknown fault kind '$kind' (expected ${KINDS.joinToString()})" }
        var rest = words.drop(3)
        val argument = if (kind == "latency" || kind == "error") {
            val value = rest.firstOrNull()?.takeIf { '=' !in it }?.toLongOrNull()
                ?: throw IllegalArgumentException("'$kind' needs a number after it (${if (kind == "error") "the status" else "milliseconds"})")
            rest = rest.drop(1)
            value
        } else {
            null
        }
        var times = FaultRule.ALWAYS
        var probability = 1.0
        var seed = FaultRule.DEFAULT_SEED
        val headers = linkedMapOf<String, String>()
        for (option in rest) {
            val name = option.substringBefore('=', "")
            val value = option.substringAfter('=', "")
            require(name.isNotEmpty()) { "unexpected '$option' (options are times=, p=, seed=, header=, body=)" }
            when (name) {
                "times" -> times = value.toIntOrNull() ?: throw IllegalArgumentException("times must be an integer, was '$value'")
                "p" -> probability = value.toDoubleOrNull() ?: throw IllegalArgumentException("p must be a number, was '$value'")
                "seed" -> seed = value.toLongOrNull() ?: throw IllegalArgumentException("seed must be an integer, was '$value'")
                "header" -> {
                    require(kind == "error") { "header= belongs to an error fault" }
                    val headerName = value.substringBefore(':', "").trim()
                    require(headerName.isNotEmpty()) { "header must be Name:Value, was '$value'" }
                    headers[headerName] = value.substringAfter(':').trim()
                }
                else -> throw IllegalArgumentException("unknown option '$name' (options are times=, p=, seed=, header=, body=)")
            }
        }
        require(body == null || kind == "error") { "body= belongs to an error fault" }
        val fault = when (kind) {
            "latency" -> Fault.Latency(Duration.ofMillis(argument!!))
            "error" -> Fault.ErrorResponse(argument!!.toInt(), body ?: Fault.ErrorResponse.defaultBody(argument.toInt()), headers = headers)
            "drop" -> Fault.DropConnection
            else -> Fault.LoseReply
        }
        return FaultRule(method.takeIf { it != "*" }, path, fault, times, probability, seed)
    }

    /** [rule] in the form [parse] reads. */
    fun format(rule: FaultRule): String = buildString {
        append(rule.method ?: "*").append(' ').append(rule.pathPattern).append(' ')
        when (val fault = rule.fault) {
            is Fault.Latency -> append("latency ").append(fault.delay.toMillis())
            is Fault.ErrorResponse -> append("error ").append(fault.status)
            Fault.DropConnection -> append("drop")
            Fault.LoseReply -> append("lose-reply")
        }
        if (rule.times != FaultRule.ALWAYS) append(" times=").append(rule.times)
        if (rule.probability != 1.0) append(" p=").append(rule.probability)
        if (rule.seed != FaultRule.DEFAULT_SEED) append(" seed=").append(rule.seed)
        val fault = rule.fault
        if (fault is Fault.ErrorResponse) {
            fault.headers.forEach { (name, value) -> append(" header=").append(name).append(':').append(value) }
            if (fault.body != Fault.ErrorResponse.defaultBody(fault.status)) append(" body=").append(fault.body)
        }
    }
}
