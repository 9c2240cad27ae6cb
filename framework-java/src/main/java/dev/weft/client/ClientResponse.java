package dev.weft.client;

import dev.weft.http.Cookie;
import dev.weft.http.Headers;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The response to a {@link ClientSession} request: status and headers at once, the body later.
 *
 * <p>Read the body ({@link #bytes()}, {@link #text()}, {@link #json(Class)}, or {@link #content()} as a stream) or
 * {@link #release()} the response; either frees its connection for the next request (a body read to the end returns
 * the connection to the pool, a release before the end closes it). A response that is neither read nor released is
 * reported: by {@link ClientSession#close()}, which names and releases it, and, if it is garbage-collected first,
 * by a warning in the log naming the request; its connection is closed then, never leaked.
 *
 * <p>Any thread may call; stages complete on the connector's loop thread. Closing it ({@link #close()}) is
 * {@link #release()}, for try-with-resources.
 */
public interface ClientResponse extends AutoCloseable {

    /** The status code. */
    int status();

    /** The reason phrase as sent. */
    String reason();

    /** Whether the status is below 400. */
    default boolean ok() {
        return status() < 400;
    }

    /** The response headers (read-only). With decompression on, {@code Content-Encoding} is gone. */
    Headers headers();

    /** The first value of header {@code name}, or null. */
    default @Nullable String header(String name) {
        return headers().get(name);
    }

    /** {@code Content-Type}, or null. */
    default @Nullable String contentType() {
        return headers().get("Content-Type");
    }

    /** The cookies this response set ({@code Set-Cookie}), parsed; malformed ones are left out. */
    List<Cookie> cookies();

    /** The method of the request that got this response (after redirects, the last one's). */
    String method();

    /** The URL that answered (after redirects, the last one). */
    URI url();

    /** The redirect responses that led here, oldest first; each is released. Empty without redirects. */
    List<ClientResponse> history();

    /** The whole body, decompressed. Completes when it has arrived; fails past {@link ClientLimits#maxBodyBytes()}. */
    CompletionStage<byte[]> bytes();

    /** The whole body as text, in the charset of {@code Content-Type} (UTF-8 if none). */
    CompletionStage<String> text();

    /** The whole body as JSON, read with the session's {@link dev.weft.json.JsonCodec}. */
    <T> CompletionStage<T> json(Class<T> type);

    /** The whole body as JSON of a parameterised {@code type}. */
    <T> CompletionStage<T> json(Type type);

    /** The body as a stream of chunks; use it instead of, not with, the whole-body methods. */
    ResponseContent content();

    /**
     * Frees the connection: returned to the pool if the body had arrived, closed otherwise; unread bytes are dropped.
     * Idempotent.
     */
    void release();

    /** Whether the response was released or its body read to the end. */
    boolean isReleased();

    /**
     * This response if its status is below 400; otherwise releases it and throws {@link ClientResponseException}.
     */
    ClientResponse raiseForStatus();

    /** {@link #release()}. */
    @Override
    default void close() {
        release();
    }
}
