package dev.weft.web;

/**
 * Answers a request: returns a {@link Response}, an {@link HttpException}, or a {@link Reply#async} of one.
 * Throwing an {@link HttpException} is the same as returning it; any other exception is logged and answered with 500.
 *
 * <p>Runs on the loop thread that owns the connection: it must not block (use {@code loop.runBlocking}).
 */
@FunctionalInterface
public interface Handler {
    Reply handle(Request request) throws Exception;
}
