package dev.weft.client;

/**
 * Receives the {@link TraceEvent}s of a session's requests, in the spirit of aiohttp's {@code TraceConfig}: request
 * start, end and failure, redirects, connections queued, created and reused, DNS resolution. Given to
 * {@link ClientSession.Builder#trace(Tracer)}.
 *
 * <pre>{@code
 * AtomicInteger created = new AtomicInteger();
 * ClientSession session = ClientSession.create(s -> s.trace(e -> {
 *     if (e instanceof TraceEvent.ConnectionCreate) created.incrementAndGet();
 * }));
 * }</pre>
 *
 * <p>Called on the connector's loop thread, in the order things happen; it must be quick and must not block. An
 * exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface Tracer {
    /** Called once per event. */
    void on(TraceEvent event);
}
