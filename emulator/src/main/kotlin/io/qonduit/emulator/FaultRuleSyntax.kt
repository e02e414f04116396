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
 * anything); `KIND` one of `latency MILLIS`, `error STATUS`, `drop`, `lose-reply`,
 * `corrupt garbage|flip` ([Fault.CorruptBody]; `flips=N` for `flip`, positions drawn from `seed=`),
 * `truncate BYTES` (connection closed after them), `cut BYTES` (a short body, matching length) and
 * `slow-body MILLIS`. `header=` (repeatable) and `body=` belong to `error`; `body=` takes the rest of
 * the line, so it comes last. Examples: `POST /qpi/api/jobs error 429 times=1 header=Retry-After:2`,
 * `* /oqc/tasks latency 250 p=0.1 seed=7` (any method), `GET /qpi/api/jobs corrupt garbage p=0.03`.
 */
internal object FaultRuleSyntax {
    private val KINDS = listOf("latency", "error", "drop", "lose-reply", "corrupt", "truncate", "cut", "slow-body")

    /** The kinds whose argument is a number, and what it means. */
    private val NUMBER_ARGUMENTS = mapOf(
        "latency" to "milliseconds",
        "error" to "the status",
        "truncate" to "the bytes kept",
        "cut" to "the bytes kept",
        "slow-body" to "milliseconds",
    )

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
        val argument = NUMBER_ARGUMENTS[kind]?.let { meaning ->
            val value = rest.firstOrNull()?.takeIf { '=' !in it }?.toLongOrNull()
                ?: throw IllegalArgumentException("'$kind' needs a number after it ($meaning)")
            rest = rest.drop(1)
            value
        }
        var corruption = Fault.CorruptBody.Mode.GARBAGE_JSON
        if (kind == "corrupt" && rest.firstOrNull()?.contains('=') == false) {
            corruption = CORRUPTIONS[rest.first()]
                ?: throw IllegalArgumentException("'corrupt' is followed by ${CORRUPTIONS.keys.joinToString(" or ")}, was '${rest.first()}'")
            rest = rest.drop(1)
        }
        var flips = Fault.CorruptBody.DEFAULT_FLIPS
        var times = FaultRule.ALWAYS
        var probability = 1.0
        var seed = FaultRule.DEFAULT_SEED
        val headers = linkedMapOf<String, String>()
        for (option in rest) {
            val name = option.substringBefore('=', "")
            val value = option.substringAfter('=', "")
            require(name.isNotEmpty()) { "unexpected '$option' (options are times=, p=, seed=, header=, body=, flips=)" }
            when (name) {
                "times" -> times = value.toIntOrNull() ?: throw IllegalArgumentException("times must be an integer, was '$value'")
                "p" -> probability = value.toDoubleOrNull() ?: throw IllegalArgumentException("p must be a number, was '$value'")
                "seed" -> seed = value.toLongOrNull() ?: throw IllegalArgumentException("seed must be an integer, was '$value'")
                "flips" -> {
                    require(kind == "corrupt" && corruption == Fault.CorruptBody.Mode.FLIP_BYTES) { "flips= belongs to a 'corrupt flip' fault" }
                    flips = value.toIntOrNull() ?: throw IllegalArgumentException("flips must be an integer, was '$value'")
                }
                "header" -> {
                    require(kind == "error") { "header= belongs to an error fault" }
                    val headerName = value.substringBefore(':', "").trim()
                    require(headerName.isNotEmpty()) { "header must be Name:Value, was '$value'" }
                    headers[headerName] = value.substringAfter(':').trim()
                }
                else -> throw IllegalArgumentException("unknown option '$name' (options are times=, p=, seed=, header=, body=, flips=)")
            }
        }
        require(body == null || kind == "error") { "body= belongs to an error fault" }
        val fault = when (kind) {
            "latency" -> Fault.Latency(Duration.ofMillis(argument!!))
            "error" -> Fault.ErrorResponse(argument!!.toInt(), body ?: Fault.ErrorResponse.defaultBody(argument.toInt()), headers = headers)
            "drop" -> Fault.DropConnection
            "lose-reply" -> Fault.LoseReply
            "corrupt" -> Fault.CorruptBody(corruption, flips, seed)
            "truncate", "cut" -> Fault.TruncateBody(intArgument(kind, argument!!), closeConnection = kind == "truncate")
            else -> Fault.SlowBody(Duration.ofMillis(argument!!))
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
            is Fault.CorruptBody -> append("corrupt ").append(CORRUPTIONS.entries.first { it.value == fault.mode }.key)
            is Fault.TruncateBody -> append(if (fault.closeConnection) "truncate " else "cut ").append(fault.keepBytes)
            is Fault.SlowBody -> append("slow-body ").append(fault.duration.toMillis())
        }
        if (rule.times != FaultRule.ALWAYS) append(" times=").append(rule.times)
        if (rule.probability != 1.0) append(" p=").append(rule.probability)
        if (rule.seed != FaultRule.DEFAULT_SEED) append(" seed=").append(rule.seed)
        val fault = rule.fault
        if (fault is Fault.CorruptBody && fault.mode == Fault.CorruptBody.Mode.FLIP_BYTES && fault.flips != Fault.CorruptBody.DEFAULT_FLIPS) append(" flips=").append(fault.flips)
        if (fault is Fault.ErrorResponse) {
            fault.headers.forEach { (name, value) -> append(" header=").append(name).append(':').append(value) }
            if (fault.body != Fault.ErrorResponse.defaultBody(fault.status)) append(" body=").append(fault.body)
        }
    }

    private val CORRUPTIONS = mapOf("garbage" to Fault.CorruptBody.Mode.GARBAGE_JSON, "flip" to Fault.CorruptBody.Mode.FLIP_BYTES)

    private fun intArgument(kind: String, value: Long): Int =
        value.takeIf { it in 0..Int.MAX_VALUE }?.toInt() ?: throw IllegalArgumentException("'$kind' takes 0 to ${Int.MAX_VALUE} bytes, was $value")
}
