package io.qonduit.emulator.oqc

import io.ktor.server.routing.Route
import io.ktor.server.routing.route
import io.qonduit.emulator.ProviderRouter

/**
 * The OQC QCaaS REST API under `/oqc`: admin, auth and token routes on the main URL, task,
 * monitoring and window routes under each QPU's own URL `/oqc/qpu/<short-id>` as advertised by
 * `GET /oqc/admin/qpu`. Every success is exactly 200, as the Python client demands.
 */
internal class OqcRouter(private val state: OqcEmulatorState) : ProviderRouter {
    override val prefix: String = "oqc"

    override fun install(route: Route) {
        route.adminRoutes(state)
        route.userRoutes(state)
        route.route("/qpu/{qpu}") {
            taskRoutes(state)
            monitoringRoutes(state)
        }
        route.route("{...}") {
            handle { throw OqcHttpException.notFound("No such route.") }
        }
    }
}
