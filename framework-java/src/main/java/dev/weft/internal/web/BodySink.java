package dev.weft.internal.web;

import java.util.concurrent.CompletionStage;

/**
 * Where the body of a streamed response goes once its head is sent. Any thread: the work is done on the
 * connection's loop, in call order for calls made from one thread.
 */
public interface BodySink {

    /**
     * Writes {@code length} bytes of {@code data} from {@code offset} (copied before this returns). The stage completes
     * when the connection can take more (its outbound buffer is below the high water mark), at once in the usual case;
     * it fails once the client has gone away or the response has ended.
     */
    CompletionStage<Void> write(byte[] data, int offset, int length);

    /** Ends the body; idempotent. Fails if a declared length was not reached (the connection is closed then). */
    CompletionStage<Void> end();

    /** Completes when the client goes away before the body ended; never, if it ends first. */
    CompletionStage<Void> disconnected();

    /** Gives up on the body (the handler failed after the head was sent): the connection is closed, unterminated. */
    void abort();
}
