package io.qonduit.transport

import io.qonduit.errors.QonduitException

/**
 * An accepted (2xx) answer whose body could not be decoded: the server acted on the request, the
 * client cannot tell what it said. A submission answered this way is in doubt (like a lost
 * reply), never a plain failure to be sent again.
 */
internal class UnreadableReplyException(status: Int, cause: Throwable) :
    QonduitException("unexpected response body (HTTP $status): ${cause.message}", cause)
