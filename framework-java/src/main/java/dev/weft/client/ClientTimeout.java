package dev.weft.client;

import dev.weft.internal.util.Checks;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Time limits of a request (aiohttp's {@code ClientTimeout}); a null field means no limit. Each one, when it runs
 * out, fails the request (or the body read in progress) with a {@link ClientTimeoutException} of its
 * {@link ClientTimeoutException.Kind} and closes the connection.
 * <ul>
 *   <li>{@code total}: from the call until the body is read or the response released; default 5 minutes
 *       ({@link #DEFAULT_TOTAL}, as aiohttp)</li>
 *   <li>{@code connect}: getting a connection, that is waiting for a free one in the pool plus DNS, TCP, proxy and
 *       TLS set-up; default none</li>
 *   <li>{@code sockRead}: the longest wait for the next bytes of the response while the client wants them; default
 *       none</li>
 * </ul>
 * The constructor refuses a zero or negative limit with a message naming it. Change one with its wither
 * ({@code ClientTimeout.NONE.withSockRead(Duration.ofSeconds(5))}) or several with the builder, whose methods have the
 * same names ({@code ClientTimeout.create(t -> t.connect(Duration.ofSeconds(2)).sockRead(Duration.ofSeconds(5)))}).
 *
 * @param total    the limit of the whole request, or null for none
 * @param connect  the limit of getting a connection, or null for none
 * @param sockRead the limit of each wait for response bytes, or null for none
 */
public record ClientTimeout(@Nullable Duration total, @Nullable Duration connect, @Nullable Duration sockRead) {
    /** Default {@code total}: 5 minutes. */
    public static final Duration DEFAULT_TOTAL = Duration.ofMinutes(5);

    private static final ClientTimeout DEFAULTS = new ClientTimeout(DEFAULT_TOTAL, null, null);

    /**
     * The default: {@link #DEFAULT_TOTAL} and nothing else.
     *
     * @deprecated use {@link #create()}, the name every configuration value uses (a constant cannot log a warning)
     */
    @Deprecated(since = "0.1")
    public static final ClientTimeout DEFAULT = DEFAULTS;

    /** No limit at all. */
    public static final ClientTimeout NONE = new ClientTimeout(null, null, null);

    /**
     * Time limits with every setting given.
     *
     * @throws IllegalArgumentException naming the setting when one is zero or negative
     */
    public ClientTimeout {
        Checks.positiveOrNull(total, "ClientTimeout.total");
        Checks.positiveOrNull(connect, "ClientTimeout.connect");
        Checks.positiveOrNull(sockRead, "ClientTimeout.sockRead");
    }

    /** The default: {@link #DEFAULT_TOTAL} and nothing else. */
    public static ClientTimeout create() {
        return DEFAULTS;
    }

    /** The default changed by {@code change}: {@code ClientTimeout.create(t -> t.connect(Duration.ofSeconds(2)))}. */
    public static ClientTimeout create(Consumer<Builder> change) {
        Builder b = builder();
        change.accept(b);
        return b.build();
    }

    /** A builder starting from the default. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Only a total limit. */
    public static ClientTimeout ofTotal(Duration total) {
        return new ClientTimeout(total, null, null);
    }

    /** These limits with {@code total} changed; null for none. */
    public ClientTimeout withTotal(@Nullable Duration total) {
        return new ClientTimeout(total, connect, sockRead);
    }

    /** These limits with {@code connect} changed; null for none. */
    public ClientTimeout withConnect(@Nullable Duration connect) {
        return new ClientTimeout(total, connect, sockRead);
    }

    /** These limits with {@code sockRead} changed; null for none. */
    public ClientTimeout withSockRead(@Nullable Duration sockRead) {
        return new ClientTimeout(total, connect, sockRead);
    }

    /**
     * Builds a {@link ClientTimeout}: setters return this and are named like the settings, null for no limit;
     * {@link #build()} validates. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Duration total;
        private @Nullable Duration connect;
        private @Nullable Duration sockRead;

        private Builder(ClientTimeout from) {
            total = from.total;
            connect = from.connect;
            sockRead = from.sockRead;
        }

        /** Sets {@code total}, default {@link ClientTimeout#DEFAULT_TOTAL}; null for none. */
        public Builder total(@Nullable Duration total) {
            this.total = total;
            return this;
        }

        /** Sets {@code connect}, default none; null for none. */
        public Builder connect(@Nullable Duration connect) {
            this.connect = connect;
            return this;
        }

        /** Sets {@code sockRead}, default none; null for none. */
        public Builder sockRead(@Nullable Duration sockRead) {
            this.sockRead = sockRead;
            return this;
        }

        /**
         * The limits set so far.
         *
         * @throws IllegalArgumentException naming the setting when one is zero or negative
         */
        public ClientTimeout build() {
            return new ClientTimeout(total, connect, sockRead);
        }
    }
}
