package dev.weft.internal.server;

/**
 * A request the server refuses before any handler sees it, with the status to answer. Stackless: it is an expected
 * outcome of bad input. The connection is closed after the answer, since its framing can no longer be trusted.
 */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    BadRequestException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
