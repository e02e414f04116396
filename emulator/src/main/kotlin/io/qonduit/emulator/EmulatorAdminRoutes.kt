package io.qonduit.emulator

import io.ktor.http.HttpStatusCode
import io.ktor.server.request.receiveText
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.route
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonArray
import kotlinx.serialization.json.putJsonObject

/** Where the emulator's own routes live, out of every provider's way. */
internal const val ADMIN_PREFIX: String = "/_emulator"

/**
 * The emulator's own routes, so code under test can be faulted from outside the JVM:
 * - `GET /` — the route index: every provider's base URL, the demo credentials, these routes;
 * - `GET|POST|DELETE /_emulator/faults` — list, add (text body, one [FaultRule.parse] line per rule,
 *   all or nothing), remove every rule; `DELETE /_emulator/faults/{index}` removes one, as listed;
 * - `GET|DELETE /_emulator/requests` — the recorded requests (method, path, query parameter *names*
 *   only, since query values can be signatures or tokens), and forgetting them;
 * - `GET /_emulator/jobs` — the runs each provider holds ([serverJobsJson]), so a client in another
 *   process can check for duplicates and orphans without sharing the emulator's heap.
 */
internal fun Route.adminRoutes(emulator: Emulator) {
    val faults = emulator.faults
    get("/") { call.respondJson(index(emulator)) }
    route(ADMIN_PREFIX) {
        get("/faults") { call.respondJson(rulesJson(faults, faults.rules)) }
        post("/faults") {
            val lines = call.receiveText().lines().withIndex().filter { (_, line) -> line.isNotBlank() && !line.trimStart().startsWith("#") }
            val parsed = lines.map { (number, line) ->
                try {
                    FaultRule.parse(line)
                } catch (e: IllegalArgumentException) {
                    return@post call.respondJson(buildJsonObject { put("message", "line ${number + 1}: ${e.message}") }, HttpStatusCode.BadRequest)
                }
            }
            if (parsed.isEmpty()) return@post call.respondJson(buildJsonObject { put("message", "no rule in the body (one rule per line)") }, HttpStatusCode.BadRequest)
            parsed.forEach(faults::add)
            call.respondJson(rulesJson(faults, parsed), HttpStatusCode.Created)
        }
        delete("/faults") {
            faults.clearRules()
            call.respondText("", status = HttpStatusCode.NoContent)
        }
        delete("/faults/{index}") {
            val rules = faults.rules
            val index = call.parameters["index"]?.toIntOrNull()?.takeIf { it in rules.indices }
                ?: return@delete call.respondJson(buildJsonObject { put("message", "no rule at index ${call.parameters["index"]} (there are ${rules.size})") }, HttpStatusCode.NotFound)
            faults.remove(rules[index])
            call.respondText("", status = HttpStatusCode.NoContent)
        }
        get("/requests") {
            call.respondJson(buildJsonArray {
                for (request in faults.requests) add(buildJsonObject {
                    put("method", request.method)
                    put("path", request.path)
                    putJsonArray("query_names") { request.query.split('&').filter { it.isNotEmpty() }.forEach { add(JsonPrimitive(it.substringBefore('='))) } }
                    put("received_at", request.receivedAt.toString())
                })
            })
        }
        get("/jobs") { call.respondJson(serverJobsJson(emulator)) }
        delete("/requests") {
            faults.clearRequests()
            call.respondText("", status = HttpStatusCode.NoContent)
        }
    }
}

private fun index(emulator: Emulator): JsonObject = buildJsonObject {
    put("service", "Qonduit emulator")
    put("base_url", emulator.baseUrl)
    putJsonObject("providers") { emulator.providers.forEach { put(it, emulator.url(it)) } }
    putJsonObject("demo_credentials") { DemoCredentials.lines(emulator).forEach { (who, what) -> put(who, what) } }
    putJsonObject("admin") {
        put("GET $ADMIN_PREFIX/faults", "the fault rules, in order, with how often each was applied")
        put("POST $ADMIN_PREFIX/faults", "adds rules: a text body, one rule per line, e.g. '${FaultRuleSyntax.EXAMPLE}'")
        put("DELETE $ADMIN_PREFIX/faults", "removes every rule; DELETE $ADMIN_PREFIX/faults/{index} removes one")
        put("GET $ADMIN_PREFIX/requests", "the requests received (method, path, query parameter names)")
        put("DELETE $ADMIN_PREFIX/requests", "forgets the recorded requests")
        put("GET $ADMIN_PREFIX/jobs", "the runs each provider holds: ids (QPI: creation time, OQC: submitted or only allocated, OQTOPUS: status)")
    }
}

/** [rules] with their places in [faults]' list, the index `DELETE /_emulator/faults/{index}` takes. */
private fun rulesJson(faults: FaultInjector, rules: List<FaultRule>): JsonArray = buildJsonArray {
    val all = faults.rules
    rules.forEach { rule ->
        add(buildJsonObject {
            put("index", all.indexOf(rule))
            put("rule", rule.toSpec())
            put("applied", rule.applied)
            put("active", rule.isActive)
        })
    }
}
