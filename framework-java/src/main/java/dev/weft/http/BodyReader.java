package dev.weft.http;

import java.util.concurrent.CompletionStage;

/**
 * A message body read as it arrives, chunk by chunk, with backpressure (aiohttp's {@code StreamReader}): the
 * connection reads from its socket only while little is waiting here, so a reader that falls behind slows the
 * sender down instead of filling memory. The server's {@code Request.content()} and the client's
 * {@code ClientResponse.content()} are body readers; a multipart body is read from one part by part.
 *
 * <pre>{@code
 * CompletionStage<Long> count(BodyReader body, long sofar) {
 *     return body.read().thenCompose(chunk -> chunk.length == 0
 *             ? CompletableFuture.completedFuture(sofar)
 *             : count(body, sofar + chunk.length));
 * }
 * }</pre>
 */
public interface BodyReader {

    /**
     * The next chunk of the body as it arrived (never empty before the end); an empty array once the body has ended,
     * and on every read after that. Fails when the body cannot be read whole: over a size limit, malformed framing,
     * the peer went away. One read at a time: call again only after the previous stage completed.
     */
    CompletionStage<byte[]> read();

    /** Whether the whole body has arrived and been read. */
    boolean atEnd();
}
