package dev.weft.client;

import java.time.Duration;

/** A {@link ClientTimeout} ran out; {@link #kind()} says which one. The connection involved is closed. */
public class ClientTimeoutException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** Which limit of {@link ClientTimeout} ran out. */
    public enum Kind {
        /** {@link ClientTimeout#total()}: the whole request, from start until the body is read. */
        TOTAL,
        /** {@link ClientTimeout#connect()}: waiting for a pooled connection plus opening a new one. */
        CONNECT,
        /** {@link ClientTimeout#sockRead()}: the longest silence between two reads from the socket. */
        SOCK_READ
    }

    private final Kind kind;
    private final Duration timeout;

    public ClientTimeoutException(Kind kind, Duration timeout, String what) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT) + " timeout of " + timeout.toMillis() + " ms expired "
                + what);
        this.kind = kind;
        this.timeout = timeout;
    }

    /** Which timeout expired. */
    public Kind kind() {
        return kind;
    }

    /** The timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}
