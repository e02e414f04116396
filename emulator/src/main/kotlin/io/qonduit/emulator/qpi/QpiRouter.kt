package io.qonduit.emulator.qpi

import io.ktor.server.routing.Route
import io.ktor.server.routing.route
import io.qonduit.emulator.ProviderRouter

/** The QPI (PocketBase-based) REST API under `/qpi`; see qpi.md §2 for every route. */
internal class QpiRouter(private val state: QpiEmulatorState) : ProviderRouter {
    override val prefix: String = "qpi"

    override fun install(route: Route) {
        route.route("/api") {
            authRoutes(state)
            jobRoutes(state)
            qpuRoutes(state)
            tokenRoutes(state)
            notificationRoutes(state)
            timeSlotRoutes(state)
            timeRequestRoutes(state)
            userRoutes(state)
            opRoutes(state)
        }
        // PocketBase answers unknown paths with its own 404 body.
        route.route("{...}") {
            handle { throw PocketBaseException.notFound("The requested resource wasn't found.") }
        }
    }
}
