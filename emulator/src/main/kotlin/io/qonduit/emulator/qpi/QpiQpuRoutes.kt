package io.qonduit.emulator.qpi

import io.ktor.http.HttpStatusCode
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.time.Instant
import io.qonduit.emulator.respondJson

/**
 * Public QPU discovery: `GET /api/qpus` (online only), `GET /api/qpus/{id}`, `/api/pub/root-ca.pem`.
 * The one-QPU route looks the QPU up by record id, whatever its path name says (`handleQPUGet`
 * calls `FindOne`, i.e. `FindRecordById`; the `name` primary key is commented out in `migrate.go`).
 */
internal fun Route.qpuRoutes(state: QpiEmulatorState) {
    get("/qpus") {
        val sort = parseSort(call.request.queryParameters["sort"], "+created", QPU_SORT_FIELDS)
        val (skip, limit) = call.skipLimit().let { it.skip to it.limit }
        val list = state.locked {
            val online = state.qpus.values.filter { it.status == "online" }
            sortRecords(online, sort, { it.sequence }) { qpu, field ->
                when (field) {
                    "created" -> qpu.created
                    "updated" -> qpu.updated
                    "name" -> qpu.name
                    "num_qubits" -> qpu.numQubits
                    else -> qpu.id
                }
            }.drop(skip).take(limit).map { it.toJson() }
        }
        call.respondJson(JsonArray(list))
    }

    get("/qpus/{id}") {
        val id = call.parameters["id"].orEmpty()
        val json = state.locked { state.qpuById(id)?.toJson() }
            ?: throw PocketBaseException.notFound("QPU not found.")
        call.respondJson(json)
    }

    // The emulator speaks plain HTTP and has no driver mTLS, so there is no root CA to hand out.
    get("/pub/root-ca.pem") {
        throw PocketBaseException.notFound("Root CA not found.")
    }
}

/**
 * Admin operations: `GET /api/op/version`, `POST /api/op/qpus/create`, `POST /api/op/qpu/toggle`,
 * for superusers only (403 "Admin access required." to anyone else). The legacy driver handshake
 * `POST /api/op/qpus/connect` was removed in QPI 0.1.1 and is not served.
 */
internal fun Route.opRoutes(state: QpiEmulatorState) {
    get("/op/version") {
        state.requireSuperuser(call)
        call.respondJson(buildJsonObject {
            put("version", QPI_VERSION)
            put("driver_framework_enabled", true)
        })
    }

    post("/op/qpus/create") {
        state.requireSuperuser(call)
        val request = call.receivePocketBase(QpuCreateRequest.serializer())
        val name = request.name?.trim()
        if (name.isNullOrEmpty()) throw PocketBaseException.badRequest("Invalid request body.", "name", "Cannot be blank.")
        val numQubits = request.numQubits ?: DEFAULT_NEW_QPU_QUBITS
        if (numQubits !in 1..QpiEmulatorState.MAX_QUBITS) {
            throw PocketBaseException.badRequest(
                "Invalid request body.",
                "num_qubits",
                "Must be between 1 and ${QpiEmulatorState.MAX_QUBITS}, was $numQubits.",
            )
        }
        val json = state.locked {
            if (state.qpus.values.any { it.name == name }) {
                throw PocketBaseException.badRequest("Invalid request body.", "name", "A QPU named '$name' already exists.")
            }
            val id = state.addQpu(name, numQubits, request.enabled ?: true)
            val qpu = state.qpus.getValue(id)
            buildJsonObject {
                put("id", qpu.id)
                put("name", qpu.name)
                put("status", qpu.status)
                put("enabled", qpu.enabled)
            }
        }
        call.respondJson(json, HttpStatusCode.Created)
    }

    post("/op/qpu/toggle") {
        state.requireSuperuser(call)
        val request = call.receivePocketBase(QpuToggleRequest.serializer())
        val id = request.id ?: throw PocketBaseException.badRequest("Invalid request body.", "id", "Cannot be blank.")
        val enabled = request.enabled
            ?: throw PocketBaseException.badRequest("Invalid request body.", "enabled", "Must be true or false.")
        val json = state.locked {
            val qpu = state.qpus[id] ?: throw PocketBaseException.notFound("QPU not found.")
            qpu.enabled = enabled
            qpu.updated = Instant.now()
            buildJsonObject {
                put("id", qpu.id)
                put("name", qpu.name)
                put("enabled", qpu.enabled)
                put("status", qpu.status)
            }
        }
        call.respondJson(json)
    }
}

private val QPU_SORT_FIELDS = setOf("created", "updated", "name", "num_qubits", "id")
private const val DEFAULT_NEW_QPU_QUBITS = 5
private const val QPI_VERSION = "0.1.2"
