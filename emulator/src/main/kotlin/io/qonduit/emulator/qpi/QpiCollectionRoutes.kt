package io.qonduit.emulator.qpi

import io.ktor.http.HttpStatusCode
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.delete
import io.ktor.server.routing.get
import io.ktor.server.routing.patch
import io.ktor.server.routing.post
import java.time.Instant
import io.qonduit.emulator.respondJson

// PocketBase collection routes under QPI's API rules (`migrate.go`) and request hooks
// (`internal/api/hooks.go`). They see the login session only (CollectionCaller). PocketBase's rule
// outcomes: a list filters by its rule (a guest gets an empty page), a view, update or delete the
// rule refuses answers 404, a create it refuses answers 400 "Failed to create record.", and a nil
// rule answers 403 "Only superusers can perform this action." to anyone but a superuser. Hook
// errors carry their text as PocketBase "sentenizes" it (capital first letter, final period).

private const val TIME_SLOTS = "/collections/time_slots/records"
private const val TIME_REQUESTS = "/collections/qpu_time_requests/records"
private const val USERS = "/collections/users/records"

private fun notFound(): Nothing = throw PocketBaseException.notFound("The requested resource wasn't found.")

private fun hookError(message: String): Nothing = throw PocketBaseException.badRequest(message)

/**
 * Booking slots: signed-in callers list and view all; a user books for themself (`booked_by` is
 * set to the caller), only in the future and never overlapping another slot; only the booker (or a
 * superuser) changes or deletes a slot, and not once it has started.
 */
internal fun Route.timeSlotRoutes(state: QpiEmulatorState) {
    get(TIME_SLOTS) {
        val caller = state.collectionCaller(call)
        val paging = call.pageQuery()
        val items = if (caller.anonymous) emptyList() else state.locked { state.timeSlots.values.sortedBy { it.startTime }.map { it.toJson() } }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    get("$TIME_SLOTS/{id}") {
        val caller = state.collectionCaller(call)
        val json = state.locked {
            state.timeSlots[call.parameters["id"].orEmpty()]?.takeIf { !caller.anonymous }?.toJson() ?: notFound()
        }
        call.respondJson(json)
    }

    post(TIME_SLOTS) {
        val caller = state.collectionCaller(call)
        val request = call.receivePocketBase(TimeSlotRequest.serializer())
        val start = PocketBaseTime.parse(request.startTime ?: missing("start_time"), "start_time")
        val end = PocketBaseTime.parse(request.endTime ?: missing("end_time"), "end_time")
        val json = state.locked {
            // The create hook books the slot for the caller, whatever booked_by says; a superuser names the booker.
            val bookedBy = caller.user?.id ?: request.bookedBy.orEmpty()
            if (!caller.isSuperuser) {
                if (start.isBefore(Instant.now())) hookError("Cannot book a slot in the past.")
                checkSlot(state, start, end, exclude = null)
                if (caller.anonymous) throw PocketBaseException.badRequest("Failed to create record.")
            } else {
                if (bookedBy !in state.users) {
                    throw PocketBaseException.badRequest("Failed to create record.", "booked_by", "Missing or unknown user id '$bookedBy'.")
                }
                checkSlot(state, start, end, exclude = null)
            }
            val slot = TimeSlotRecord(PocketBaseIds.newId(), start, end, bookedBy, Instant.now(), state.nextSequence())
            state.timeSlots[slot.id] = slot
            slot.toJson()
        }
        call.respondJson(json)
    }

    patch("$TIME_SLOTS/{id}") {
        val caller = state.collectionCaller(call)
        val request = call.receivePocketBase(TimeSlotRequest.serializer())
        val start = request.startTime?.let { PocketBaseTime.parse(it, "start_time") }
        val end = request.endTime?.let { PocketBaseTime.parse(it, "end_time") }
        val json = state.locked {
            val slot = editableSlot(state, call.parameters["id"].orEmpty(), caller)
            val newStart = start ?: slot.startTime
            val newEnd = end ?: slot.endTime
            val now = Instant.now()
            if (!caller.isSuperuser) {
                if (slot.startTime.isBefore(now)) hookError("Cannot modify a booking slot that has already started.")
                if (newStart.isBefore(now)) hookError("Cannot reschedule a booking slot to a start time in the past.")
            }
            checkSlot(state, newStart, newEnd, exclude = slot.id)
            request.bookedBy?.let { bookedBy ->
                if (bookedBy !in state.users) {
                    throw PocketBaseException.badRequest("Failed to update record.", "booked_by", "Unknown user id '$bookedBy'.")
                }
                slot.bookedBy = bookedBy
            }
            slot.startTime = newStart
            slot.endTime = newEnd
            slot.updated = now
            slot.toJson()
        }
        call.respondJson(json)
    }

    delete("$TIME_SLOTS/{id}") {
        val caller = state.collectionCaller(call)
        state.locked {
            val slot = editableSlot(state, call.parameters["id"].orEmpty(), caller)
            if (!caller.isSuperuser && slot.startTime.isBefore(Instant.now())) {
                hookError("Cannot delete/cancel a booking slot that has already started.")
            }
            state.timeSlots.remove(slot.id)
        }
        call.respond(HttpStatusCode.NoContent)
    }
}

/** The update and delete rule `booked_by = @request.auth.id` (superusers bypass it); 404 otherwise. */
private fun editableSlot(state: QpiEmulatorState, id: String, caller: CollectionCaller): TimeSlotRecord {
    val slot = state.timeSlots[id] ?: notFound()
    if (!caller.isSuperuser && (caller.user == null || slot.bookedBy != caller.user.id)) notFound()
    return slot
}

/** `ValidateTimeSlot`: start strictly before end, and no overlap with any other slot. */
private fun checkSlot(state: QpiEmulatorState, start: Instant, end: Instant, exclude: String?) {
    if (!start.isBefore(end)) hookError("Start_time must be strictly before end_time.")
    val overlaps = state.timeSlots.values.any { it.id != exclude && it.startTime.isBefore(end) && it.endTime.isAfter(start) }
    if (overlaps) hookError("The requested booking slot overlaps with an existing reservation.")
}

private fun missing(field: String): Nothing =
    throw PocketBaseException.badRequest("Failed to create record.", field, "Cannot be blank.")

/**
 * QPU time requests: a user asks for seconds for themself (the create hook sets `user`, status
 * `pending` and an empty `handled_by`) and sees their own; superusers see all and approve (crediting
 * the user, once) or reject, recorded in `handled_by`.
 */
internal fun Route.timeRequestRoutes(state: QpiEmulatorState) {
    get(TIME_REQUESTS) {
        val caller = state.collectionCaller(call)
        val paging = call.pageQuery()
        val items = state.locked {
            state.timeRequests.values.filter { caller.isSuperuser || (caller.user != null && it.userId == caller.user.id) }
                .sortedByDescending { it.sequence }.map { it.toJson() }
        }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    get("$TIME_REQUESTS/{id}") {
        val caller = state.collectionCaller(call)
        val json = state.locked { visibleRequest(state, call.parameters["id"].orEmpty(), caller).toJson() }
        call.respondJson(json)
    }

    post(TIME_REQUESTS) {
        val caller = state.collectionCaller(call)
        val request = call.receivePocketBase(TimeRequestCreate.serializer())
        val user = caller.user ?: if (caller.isSuperuser) {
            throw PocketBaseException.badRequest("Failed to create record.", "user", "Cannot be blank.")
        } else {
            throw PocketBaseException.unauthorized()
        }
        val seconds = request.seconds ?: missing("seconds")
        // `seconds` is a required number field with Min 0: PocketBase counts 0 as blank.
        if (seconds == 0.0) missing("seconds")
        if (seconds.isNaN() || seconds < 0.0) {
            throw PocketBaseException.badRequest("Failed to create record.", "seconds", "Must be 0 or more, was $seconds.")
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
        val caller = state.collectionCaller(call)
        val admin = caller.superuser ?: throw PocketBaseException.forbidden()
        val decision = call.receivePocketBase(TimeRequestDecision.serializer())
        val status = decision.status
        if (status != null && status !in TIME_REQUEST_STATUSES) {
            throw PocketBaseException.badRequest(
                "Failed to update record.", "status", "Must be one of ${TIME_REQUEST_STATUSES.joinToString()}, was '$status'.",
            )
        }
        val json = state.locked {
            val request = state.timeRequests[call.parameters["id"].orEmpty()] ?: notFound()
            val now = Instant.now()
            if (status != null && status != request.status) {
                if (request.status != "pending") hookError("Cannot update a request that has already been processed.")
                if (status == "approved") {
                    val user = state.users[request.userId] ?: hookError("Failed to find target user: ${request.userId}")
                    user.qpuSeconds += request.seconds
                    user.updated = now
                }
                request.status = status
                request.handledBy = admin.id
            }
            decision.rejectionReason?.let { request.rejectionReason = it }
            request.updated = now
            request.toJson()
        }
        call.respondJson(json)
    }
}

private val TIME_REQUEST_STATUSES = listOf("pending", "approved", "rejected")

private fun visibleRequest(state: QpiEmulatorState, id: String, caller: CollectionCaller): TimeRequestRecord {
    val request = state.timeRequests[id] ?: notFound()
    if (!caller.isSuperuser && (caller.user == null || request.userId != caller.user.id)) notFound()
    return request
}

/**
 * User records under the rule `id = @request.auth.id`: a user lists, views and updates only their
 * own record; superusers see all and set anyone's `qpu_seconds` (how admins allocate QPU time).
 */
internal fun Route.userRoutes(state: QpiEmulatorState) {
    get(USERS) {
        val caller = state.collectionCaller(call)
        val paging = call.pageQuery()
        val items = state.locked {
            state.users.values.filter { caller.isSuperuser || it.id == caller.user?.id }.sortedBy { it.sequence }.map { it.toJson() }
        }
        call.respondJson(pocketBaseList(items, paging.page, paging.perPage))
    }

    get("$USERS/{id}") {
        val caller = state.collectionCaller(call)
        val json = state.locked { ownUser(state, call.parameters["id"].orEmpty(), caller).toJson() }
        call.respondJson(json)
    }

    patch("$USERS/{id}") {
        val caller = state.collectionCaller(call)
        val patch = call.receivePocketBase(UserPatch.serializer())
        val json = state.locked {
            val user = ownUser(state, call.parameters["id"].orEmpty(), caller)
            patch.qpuSeconds?.let { seconds ->
                // The qpu_seconds field has Min 0.
                if (seconds.isNaN() || seconds < 0.0) {
                    throw PocketBaseException.badRequest("Failed to update record.", "qpu_seconds", "Must be 0 or more, was $seconds.")
                }
                user.qpuSeconds = seconds
            }
            user.updated = Instant.now()
            user.toJson()
        }
        call.respondJson(json)
    }
}

private fun ownUser(state: QpiEmulatorState, id: String, caller: CollectionCaller): UserRecord {
    val user = state.users[id] ?: notFound()
    if (!caller.isSuperuser && caller.user?.id != id) notFound()
    return user
}
