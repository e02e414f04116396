package io.qonduit.emulator

import io.ktor.server.routing.Route

/**
 * One provider's REST API inside the emulator. Each router is mounted under `/<prefix>`, so a
 * client of that provider uses `emulator.url(prefix)` as its base URL.
 *
 * To add a provider: implement this interface in the provider's own package and list it in
 * [Emulator]'s router list.
 */
internal interface ProviderRouter {
    /** Path segment the provider's routes live under, without slashes (e.g. `qpi`). */
    val prefix: String

    /** Registers the provider's routes on [route], which is already scoped to `/<prefix>`. */
    fun install(route: Route)
}
