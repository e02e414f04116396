package io.qonduit.bench.soak

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import io.qonduit.emulator.Fault
import io.qonduit.emulator.FaultRule
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** A fault rule as the emulator listed it: what it injects and how often it did. */
internal class AppliedRule(val fault: Fault, val applied: Int)

/** A rule added over the admin route: its index there (stable: only the soak adds and removes) and its text. */
internal class AddedRule(val index: Int, val spec: String)

/**
 * The soak's side of the emulator's admin routes (`/_emulator/...`), the same whether the emulator
 * runs in this JVM or in another: faults are added and counted, requests counted and the providers'
 * stores listed over HTTP, so nothing of the emulator's needs to be in the soak's heap. Rules
 * removed keep the count they had when removed ([rules] includes them).
 */
internal class EmulatorAdmin(private val baseUrl: String) {
    private val http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build()
    private val json = ObjectMapper()
    private val removed = ArrayList<AppliedRule>()

    /** Adds [specs] (one [FaultRule.parse] line each), all or nothing; the rules as added. */
    fun add(specs: List<String>): List<AddedRule> {
        val reply = send("POST", "/_emulator/faults", specs.joinToString("\n"), 201)
        return reply.map { AddedRule(it.get("index").asInt(), it.get("rule").asText()) }
    }

    /** Removes [rules] (added by [add]), keeping their counts for [rules]. */
    @Synchronized
    fun remove(rules: List<AddedRule>) {
        val listed = send("GET", "/_emulator/faults", null, 200).associateBy { it.get("index").asInt() }
        // Highest index first, so the indexes of the others do not move.
        for (rule in rules.sortedByDescending { it.index }) {
            val entry = listed[rule.index]
            check(entry != null && entry.get("rule").asText() == rule.spec) { "rule ${rule.index} is not '${rule.spec}' any more: $entry" }
            removed += AppliedRule(FaultRule.parse(rule.spec).fault, entry.get("applied").asInt())
            send("DELETE", "/_emulator/faults/${rule.index}", null, 204)
        }
    }

    /** Every rule added, those still installed and those removed, with how often each was applied. */
    @Synchronized
    fun rules(): List<AppliedRule> =
        send("GET", "/_emulator/faults", null, 200).map { AppliedRule(FaultRule.parse(it.get("rule").asText()).fault, it.get("applied").asInt()) } + removed

    /** How many requests the emulator received on the providers' routes. */
    fun requestCount(): Int = send("GET", "/_emulator/requests", null, 200).size()

    /** The runs each provider's store holds now. */
    fun jobs(): ServerJobs = ServerJobs.of(send("GET", "/_emulator/jobs", null, 200))

    private fun send(method: String, path: String, body: String?, expected: Int): JsonNode {
        val request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
            .method(method, if (body == null) HttpRequest.BodyPublishers.noBody() else HttpRequest.BodyPublishers.ofString(body)).build()
        val response = http.send(request, HttpResponse.BodyHandlers.ofString())
        check(response.statusCode() == expected) { "$method $path: ${response.statusCode()} ${response.body().take(300)}" }
        return if (response.body().isEmpty()) json.createObjectNode() else json.readTree(response.body())
    }

    private companion object {
        val TIMEOUT: Duration = Duration.ofSeconds(5)

        // Listing 50 000 recorded requests takes a while on a shared machine.
        val REQUEST_TIMEOUT: Duration = Duration.ofSeconds(120)
    }
}

/**
 * What `GET /_emulator/jobs` lists: per provider, the ids of the runs that count as submitted and
 * how many ids were only allocated (OQC tasks without a program, OQTOPUS jobs only registered).
 * [qpiCreated] is QPI's ids in the order they were created, for describing an orphan.
 */
internal class ServerJobs(
    val submitted: Map<String, Set<String>>,
    val allocatedOnly: Map<String, Set<String>>,
    val qpiCreated: List<Pair<String, String>>,
) {
    /** These jobs less those of [before] (the emulator's seeded ones, e.g. OQC's demo tasks). */
    operator fun minus(before: ServerJobs): ServerJobs = ServerJobs(
        submitted.mapValues { (provider, ids) -> ids - before.submitted[provider].orEmpty() - before.allocatedOnly[provider].orEmpty() },
        allocatedOnly.mapValues { (provider, ids) -> ids - before.submitted[provider].orEmpty() - before.allocatedOnly[provider].orEmpty() },
        qpiCreated.filter { (id, _) -> id !in before.submitted["qpi"].orEmpty() },
    )

    companion object {
        /** How the emulator reports an OQTOPUS job registered (an id allocated) but never submitted. */
        private const val OQTOPUS_REGISTERED = "registered"

        fun of(body: JsonNode): ServerJobs {
            fun ids(provider: String) = body.get(provider).map { it.asText() }.toSet()
            val oqc = body.get("oqc").partition { it.get("submitted").asBoolean() }
            val oqtopus = body.get("oqtopus").partition { it.get("status").asText() != OQTOPUS_REGISTERED }
            val qpi = body.get("qpi").map { it.get("id").asText() to it.get("created").asText() }
            return ServerJobs(
                submitted = mapOf(
                    "qpi" to qpi.map { it.first }.toSet(),
                    "oqc" to oqc.first.map { it.get("id").asText() }.toSet(),
                    "oqtant" to ids("oqtant"),
                    "oqtopus" to oqtopus.first.map { it.get("id").asText() }.toSet(),
                    "qibo" to ids("qibo"),
                ),
                allocatedOnly = mapOf(
                    "oqc" to oqc.second.map { it.get("id").asText() }.toSet(),
                    "oqtopus" to oqtopus.second.map { it.get("id").asText() }.toSet(),
                ),
                qpiCreated = qpi,
            )
        }
    }
}
