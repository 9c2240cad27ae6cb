package dev.weft.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One Server-Sent Event, as {@link EventSourceResponse#send(SseEvent)} writes it: {@code data} (several lines become
 * several {@code data:} lines), and optionally its {@code event} type, its {@code id} (what the browser sends back
 * as {@code Last-Event-ID} when it reconnects) and a {@code retry} delay for the browser's reconnection.
 * <pre>{@code
 * sse.send(SseEvent.of("{\"price\": 42}").event("quote").id("17"));
 * }</pre>
 *
 * @throws IllegalArgumentException if {@code event} or {@code id} holds CR or LF (they would end the field), or
 *         {@code id} a NUL (browsers ignore such an id), or {@code retry} is negative
 */
public record SseEvent(String data, @Nullable String event, @Nullable String id, @Nullable Duration retry) {
    public SseEvent {
        java.util.Objects.requireNonNull(data, "data");
        checkLine(event, "event");
        checkLine(id, "id");
        if (id != null && id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an event id cannot hold NUL");
        }
        if (retry != null && retry.isNegative()) {
            throw new IllegalArgumentException("retry must not be negative, got " + retry);
        }
    }

    /** An event of {@code data} alone (the browser's default type, {@code message}). */
    public static SseEvent of(String data) {
        return new SseEvent(data, null, null, null);
    }

    /** This event with type {@code event}. */
    public SseEvent event(String event) {
        return new SseEvent(data, event, id, retry);
    }

    /** This event with id {@code id}. */
    public SseEvent id(String id) {
        return new SseEvent(data, event, id, retry);
    }

    /** This event telling the browser to wait {@code retry} before reconnecting. */
    public SseEvent retry(Duration retry) {
        return new SseEvent(data, event, id, retry);
    }

    /** The event in the {@code text/event-stream} format, with the blank line that ends it. */
    String encode() {
        StringBuilder b = new StringBuilder(data.length() + 32);
        if (event != null) {
            b.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            b.append("retry: ").append(retry.toMillis()).append('\n');
        }
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            char c = i < data.length() ? data.charAt(i) : '\n';
            if (c == '\r' || c == '\n' || i == data.length()) {
                b.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return b.append('\n').toString();
    }

    private static void checkLine(@Nullable String value, String name) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("an event's " + name + " cannot hold CR or LF");
        }
    }
}
