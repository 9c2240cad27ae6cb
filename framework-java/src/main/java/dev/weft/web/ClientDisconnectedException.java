package dev.weft.web;

import java.io.IOException;

/**
 * The client went away before the response ended: what a write to a {@link StreamResponse} fails with then. Not an
 * error of the server; nothing is logged. Without a stack trace: any client can cause it, often.
 */
public final class ClientDisconnectedException extends IOException {
    public ClientDisconnectedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
