package io.qonduit.emulator.oqtant

import io.ktor.http.HttpStatusCode
import io.qonduit.emulator.ProviderHttpException
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * A FastAPI-style error: `{"detail": "..."}`, or for validation failures (422) a list of
 * `{"type", "loc", "msg"}` entries, as pydantic reports them. The real service's error bodies were
 * never captured; FastAPI's defaults are the best guess (oqtant.md §1.3).
 */
internal class OqtantHttpException(
    status: HttpStatusCode,
    message: String,
    private val detail: JsonElement = JsonPrimitive(message),
) : ProviderHttpException(status, message) {
    override fun body(): JsonElement = buildJsonObject { put("detail", detail) }

    companion object {
        fun notAuthenticated(): OqtantHttpException = OqtantHttpException(HttpStatusCode.Unauthorized, "Not authenticated")

        fun invalidCredentials(): OqtantHttpException =
            OqtantHttpException(HttpStatusCode.Unauthorized, "Could not validate credentials")

        fun forbidden(): OqtantHttpException =
            OqtantHttpException(HttpStatusCode.Forbidden, "Not authorized to access this user's resources")

        fun notFound(message: String): OqtantHttpException = OqtantHttpException(HttpStatusCode.NotFound, message)

        fun badRequest(message: String): OqtantHttpException = OqtantHttpException(HttpStatusCode.BadRequest, message)

        fun tooManyJobs(message: String): OqtantHttpException = OqtantHttpException(HttpStatusCode.TooManyRequests, message)

        /** 422 with one pydantic-style entry per problem; each problem is a `loc` path and a message. */
        fun unprocessable(problems: List<Pair<List<Any>, String>>): OqtantHttpException =
            invalid(problems.map { (loc, msg) -> Problem(loc, msg) })

        /** 422 with one pydantic-style `{"type", "loc", "msg"}` entry per [Problem]. */
        fun invalid(problems: List<Problem>): OqtantHttpException {
            val detail = JsonArray(
                problems.map { p ->
                    buildJsonObject {
                        put("type", p.type)
                        put("loc", JsonArray(p.loc.map { if (it is Int) JsonPrimitive(it) else JsonPrimitive(it.toString()) }))
                        put("msg", p.msg)
                    }
                },
            )
            val summary = problems.joinToString("; ") { p -> p.loc.joinToString(".") + ": " + p.msg }
            return OqtantHttpException(HttpStatusCode.UnprocessableEntity, summary, detail)
        }
    }
}

