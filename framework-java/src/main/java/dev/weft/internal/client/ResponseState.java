package dev.weft.internal.client;

import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a response is still open (neither read to the end nor released), kept apart from the response itself so
 * that the {@link java.lang.ref.Cleaner} can act when the response is garbage-collected: it logs a warning naming
 * the request and closes the connection, which is never left to leak.
 */
final class ResponseState implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.weft.client.ClientSession");

    private final String method;
    private final URI url;
    private final int status;
    private final Body body;
    private final Set<ResponseState> sessionSet;
    private volatile boolean open = true;

    ResponseState(String method, URI url, int status, Body body, Set<ResponseState> sessionSet) {
        this.method = method;
        this.url = url;
        this.status = status;
        this.body = body;
        this.sessionSet = sessionSet;
        sessionSet.add(this);
    }

    /** What the warnings name: made only when one is logged or the unreleased responses are listed. */
    String description() {
        return method + " " + url + " (" + status + ")";
    }

    boolean isOpen() {
        return open;
    }

    /** The response was read to the end or released. */
    void closed() {
        if (open) {
            open = false;
            sessionSet.remove(this);
        }
    }

    /** Releases the response on behalf of its owner; returns whether it was still open. */
    boolean releaseUnread() {
        if (!open) {
            return false;
        }
        body.releaseFromAnyThread();
        closed();
        return true;
    }

    /**
     * The Cleaner's action: the response was garbage-collected. A body still being read ({@code r.bytes()} keeps
     * only its stage, not the response) is left alone; else the response is released and reported.
     */
    @Override
    public void run() {
        if (!open) {
            return;
        }
        body.collected(() -> {
            closed();
            LOG.warn("Unreleased ClientResponse for {} was garbage-collected; its connection is closed. Read its "
                    + "body or call release() (or use try-with-resources).", description());
        });
    }
}
