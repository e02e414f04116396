package io.qonduit.bench.client

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

/**
 * The standalone emulator's request recorder (`GET|DELETE /_emulator/requests`), so a client's
 * requests are counted by the server whatever the client is (ours, or a Python SDK).
 */
internal class EmulatorRequests(private val emulatorUrl: String) {
    private val http = HttpClient.newHttpClient()

    /** Forgets what was recorded so far. */
    fun clear() {
        val reply = http.send(request().DELETE().build(), HttpResponse.BodyHandlers.discarding())
        check(reply.statusCode() == 204) { "DELETE /_emulator/requests answered ${reply.statusCode()}" }
    }

    /** Recorded requests whose path starts with [prefix]. */
    fun count(prefix: String): Int {
        val reply = http.send(request().GET().build(), HttpResponse.BodyHandlers.ofString())
        check(reply.statusCode() == 200) { "GET /_emulator/requests answered ${reply.statusCode()}" }
        return Json.parseToJsonElement(reply.body()).jsonArray.count { it.jsonObject.getValue("path").jsonPrimitive.content.startsWith(prefix) }
    }

    private fun request() = HttpRequest.newBuilder(URI.create("$emulatorUrl/_emulator/requests"))
}
