package dev.weft.internal.web;

import dev.weft.web.RequestKey;

/**
 * How a {@code StreamResponse} starts on its request's connection: the exchange sends the head and hands back where
 * the body goes. Reached through {@link #KEY}, which a served request answers without storing anything (so a
 * middleware's clone or wrapper of the request reaches it too, and no request is downcast). Loop thread only.
 */
public interface StreamStart {

    /** Where a served request answers with its exchange; a request built without a connection has none. */
    RequestKey<StreamStart> KEY = RequestKey.of("weft.streamStart", StreamStart.class);

    /**
     * Sends the head of {@code head} (its body is ignored), framed by {@code contentLength} when it is not negative,
     * else chunked (or, for an HTTP/1.0 client, by closing the connection). From then on the exchange sends no other
     * response.
     *
     * @throws IllegalStateException if a response has been sent already or the connection is gone
     */
    BodySink start(ResponseParts head, long contentLength);
}
