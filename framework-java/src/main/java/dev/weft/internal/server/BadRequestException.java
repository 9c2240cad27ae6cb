package dev.weft.internal.server;

/**
 * A request the server refuses before any handler sees it, with the status to answer. Stackless: it is an expected
 * outcome of bad input. Unchecked, so that the decoder's hooks (which declare no exceptions) can throw it; Netty turns
 * it into a failed message. The connection is closed after the answer, since its framing can no longer be trusted.
 */
final class BadRequestException extends RuntimeException {
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
