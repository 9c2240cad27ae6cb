package dev.weft.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Time limits of a request (aiohttp's {@code ClientTimeout}); a null field means no limit. Each one, when it runs
 * out, fails the request (or the body read in progress) with a {@link ClientTimeoutException} of its
 * {@link ClientTimeoutException.Kind} and closes the connection.
 * <ul>
 *   <li>{@code total}: from the call until the body is read or the response released; default {@link #DEFAULT_TOTAL}
 *       (5 minutes, as aiohttp)</li>
 *   <li>{@code connect}: getting a connection, that is waiting for a free one in the pool plus DNS, TCP, proxy and
 *       TLS set-up; default none</li>
 *   <li>{@code sockRead}: the longest wait for the next bytes of the response while the client wants them; default
 *       none</li>
 * </ul>
 */
public record ClientTimeout(@Nullable Duration total, @Nullable Duration connect, @Nullable Duration sockRead) {
    /** Default {@code total}: 5 minutes. */
    public static final Duration DEFAULT_TOTAL = Duration.ofMinutes(5);

    /** The default: {@link #DEFAULT_TOTAL} and nothing else. */
    public static final ClientTimeout DEFAULT = new ClientTimeout(DEFAULT_TOTAL, null, null);

    /** No limit at all. */
    public static final ClientTimeout NONE = new ClientTimeout(null, null, null);

    public ClientTimeout {
        check(total, "total");
        check(connect, "connect");
        check(sockRead, "sockRead");
    }

    /** Only a total limit. */
    public static ClientTimeout ofTotal(Duration total) {
        return new ClientTimeout(total, null, null);
    }

    public ClientTimeout withTotal(@Nullable Duration total) {
        return new ClientTimeout(total, connect, sockRead);
    }

    public ClientTimeout withConnect(@Nullable Duration connect) {
        return new ClientTimeout(total, connect, sockRead);
    }

    public ClientTimeout withSockRead(@Nullable Duration sockRead) {
        return new ClientTimeout(total, connect, sockRead);
    }

    private static void check(@Nullable Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("ClientTimeout." + name + " must be positive or null (no limit), got "
                    + d);
        }
    }
}
