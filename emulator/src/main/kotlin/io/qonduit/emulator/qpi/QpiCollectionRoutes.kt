package io.qonduit.emulator.qpi

import io.ktor.http.HttpStatusCode
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.patch
import io.ktor.server.routing.post
import java.time.Instant

private const val TIME_SLOTS = "/collections/time_slots/records"
private const val TIME_REQUESTS = "/collections/qpu_time_requests/records"
private const val USERS = "/collections/users/records"

/** Booking slots: any user lists and books; only the booker (or a superuser) changes a booked slot. */
internal fun Route.timeSlotRoutes(state: QpiEmulatorState) {
    get(TIME_SLOTS) {
        state.requireUser(call)
        val paging = call.pageQuery()
        val items = state.locked { state.timeSlots.values.sortedBy { it.startTime }.map { it.toJson() } }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    get("$TIME_SLOTS/{id}") {
        state.requireUser(call)
        val json = state.locked { timeSlot(state, call.parameters["id"].orEmpty()).toJson() }
        call.respondJson(json)
    }

    post(TIME_SLOTS) {
        val user = state.requireUser(call)
        val request = call.receivePocketBase(TimeSlotRequest.serializer())
        val start = PocketBaseTime.parse(request.startTime ?: missing("start_time"), "start_time")
        val end = PocketBaseTime.parse(request.endTime ?: missing("end_time"), "end_time")
        checkOrder(start, end)
        val json = state.locked {
            val bookedBy = request.bookedBy.orEmpty()
            if (bookedBy.isNotEmpty() && bookedBy !in state.users) {
                throw PocketBaseException.badRequest("Invalid request body.", "booked_by", "Unknown user id '$bookedBy'.")
            }
            val slot = TimeSlotRecord(PocketBaseIds.newId(), start, end, bookedBy, user.id, Instant.now(), state.nextSequence())
            state.timeSlots[slot.id] = slot
            slot.toJson()
        }
        call.respondJson(json)
    }

    patch("$TIME_SLOTS/{id}") {
        val user = state.requireUser(call)
        val request = call.receivePocketBase(TimeSlotRequest.serializer())
        val start = request.startTime?.let { PocketBaseTime.parse(it, "start_time") }
        val end = request.endTime?.let { PocketBaseTime.parse(it, "end_time") }
        val json = state.locked {
            val slot = editableSlot(state, call.parameters["id"].orEmpty(), user)
            val newStart = start ?: slot.startTime
            val newEnd = end ?: slot.endTime
            checkOrder(newStart, newEnd)
            request.bookedBy?.let { bookedBy ->
                if (bookedBy.isNotEmpty() && bookedBy !in state.users) {
                    throw PocketBaseException.badRequest("Invalid request body.", "booked_by", "Unknown user id '$bookedBy'.")
                }
                slot.bookedBy = bookedBy
            }
            slot.startTime = newStart
            slot.endTime = newEnd
            slot.updated = Instant.now()
            slot.toJson()
        }
        call.respondJson(json)
    }

    delete("$TIME_SLOTS/{id}") {
        val user = state.requireUser(call)
        state.locked {
            val slot = editableSlot(state, call.parameters["id"].orEmpty(), user)
            state.timeSlots.remove(slot.id)
        }
        call.respond(HttpStatusCode.NoContent)
    }
}

private fun timeSlot(state: QpiEmulatorState, id: String): TimeSlotRecord =
    state.timeSlots[id] ?: throw PocketBaseException.notFound("The requested resource wasn't found.")

private fun editableSlot(state: QpiEmulatorState, id: String, user: UserRecord): TimeSlotRecord {
    val slot = timeSlot(state, id)
    val mayEdit = user.superuser || slot.bookedBy.isEmpty() || slot.bookedBy == user.id || slot.createdBy == user.id
    if (!mayEdit) throw PocketBaseException.forbidden("Only the booking user or a superuser can change this slot.")
    return slot
}

private fun checkOrder(start: Instant, end: Instant) {
    if (!end.isAfter(start)) {
        throw PocketBaseException.badRequest("Invalid request body.", "end_time", "Must be after start_time.")
    }
}

private fun missing(field: String): Nothing =
    throw PocketBaseException.badRequest("Invalid request body.", field, "Cannot be blank.")

/** QPU time requests: users ask for seconds; superusers approve (crediting the user) or reject. */
internal fun Route.timeRequestRoutes(state: QpiEmulatorState) {
    get(TIME_REQUESTS) {
        val user = state.requireUser(call)
        val paging = call.pageQuery()
        val items = state.locked {
            state.timeRequests.values.filter { user.superuser || it.userId == user.id }
                .sortedByDescending { it.sequence }.map { it.toJson() }
        }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    get("$TIME_REQUESTS/{id}") {
        val user = state.requireUser(call)
        val json = state.locked { visibleRequest(state, call.parameters["id"].orEmpty(), user).toJson() }
        call.respondJson(json)
    }

    post(TIME_REQUESTS) {
        val user = state.requireUser(call)
        val request = call.receivePocketBase(TimeRequestCreate.serializer())
        val seconds = request.seconds ?: missing("seconds")
        if (!(seconds > 0.0)) {
            throw PocketBaseException.badRequest("Invalid request body.", "seconds", "Must be greater than 0, was $seconds.")
        }
        val json = state.locked {
            val record = TimeRequestRecord(
                PocketBaseIds.newId(), user.id, seconds, request.requestedReason.orEmpty(), Instant.now(), state.nextSequence(),
            )
            state.timeRequests[record.id] = record
            record.toJson()
        }
        call.respondJson(json)
    }

    patch("$TIME_REQUESTS/{id}") {
        val admin = state.requireSuperuser(call)
        val decision = call.receivePocketBase(TimeRequestDecision.serializer())
        val status = decision.status
        if (status != "approved" && status != "rejected") {
            throw PocketBaseException.badRequest("Invalid request body.", "status", "Must be 'approved' or 'rejected', was '$status'.")
        }
        val json = state.locked {
            val request = visibleRequest(state, call.parameters["id"].orEmpty(), admin)
            if (request.status != "pending") {
                throw PocketBaseException.badRequest("Invalid request body.", "status", "The request was already ${request.status}.")
            }
            val now = Instant.now()
            request.status = status
            request.rejectionReason = decision.rejectionReason.orEmpty()
            request.reviewedBy = admin.id
            request.updated = now
            if (status == "approved") {
                state.users[request.userId]?.let {
                    it.qpuSeconds += request.seconds
                    it.updated = now
                }
            }
            request.toJson()
        }
        call.respondJson(json)
    }
}

private fun visibleRequest(state: QpiEmulatorState, id: String, user: UserRecord): TimeRequestRecord {
    val request = state.timeRequests[id]
    if (request == null || (!user.superuser && request.userId != user.id)) {
        throw PocketBaseException.notFound("The requested resource wasn't found.")
    }
    return request
}

/** User records: superusers list and set `qpu_seconds`; a user may read their own record. */
internal fun Route.userRoutes(state: QpiEmulatorState) {
    get(USERS) {
        state.requireSuperuser(call)
        val paging = call.pageQuery()
        val items = state.locked { state.users.values.sortedBy { it.sequence }.map { it.toJson() } }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    get("$USERS/{id}") {
        val caller = state.requireUser(call)
        val id = call.parameters["id"].orEmpty()
        if (!caller.superuser && caller.id != id) throw PocketBaseException.forbidden()
        val json = state.locked {
            state.users[id]?.toJson() ?: throw PocketBaseException.notFound("The requested resource wasn't found.")
        }
        call.respondJson(json)
    }

    patch("$USERS/{id}") {
        state.requireSuperuser(call)
        val patch = call.receivePocketBase(UserPatch.serializer())
        val seconds = patch.qpuSeconds ?: missing("qpu_seconds")
        if (seconds < 0.0 || seconds.isNaN()) {
            throw PocketBaseException.badRequest("Invalid request body.", "qpu_seconds", "Must be 0 or more, was $seconds.")
        }
        val json = state.locked {
            val user = state.users[call.parameters["id"].orEmpty()]
                ?: throw PocketBaseException.notFound("The requested resource wasn't found.")
            user.qpuSeconds = seconds
            user.updated = Instant.now()
            user.toJson()
        }
        call.respondJson(json)
    }
}
