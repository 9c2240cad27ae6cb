package dev.weft.client;

import dev.weft.http.BodyReader;
import java.util.concurrent.CompletionStage;

/**
 * A response body read as it arrives (aiohttp's {@code resp.content}), with backpressure: the client reads from the
 * socket only while less than a small buffer is waiting here, so a slow reader slows the server down rather than
 * filling memory.
 *
 * <pre>{@code
 * CompletionStage<Long> count(ResponseContent body, long sofar) {
 *     return body.read().thenCompose(chunk -> chunk.length == 0
 *             ? CompletableFuture.completedFuture(sofar)
 *             : count(body, sofar + chunk.length));
 * }
 * }</pre>
 *
 * <p>Any thread may call; stages complete on the connector's loop thread. Reading to the end releases the response.
 */
public interface ResponseContent extends BodyReader {

    /**
     * The next chunk of the body, decompressed; an empty array once the body has ended. Fails with a
     * {@link ClientException} if the response failed (timeout, disconnect, body over the limit) or was released.
     * One read at a time: call again only after the previous stage completed.
     */
    @Override
    CompletionStage<byte[]> read();

    /** Whether the whole body has arrived and been read. */
    @Override
    boolean atEnd();
}
