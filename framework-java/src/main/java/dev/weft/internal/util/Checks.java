package dev.weft.internal.util;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The argument checks of the API's values (the configuration records {@code ServerLimits}, {@code ServerConfig},
 * {@code WsOptions}, {@code ClientLimits}, {@code ClientTimeout}, and the typed keys), so that every refused setting
 * is reported alike: the setting, as {@code Type.field} for a record, what it must be, and what it got, e.g.
 * {@code "ServerLimits.maxHeaderBytes must be positive, got 0"}. A null is a {@link NullPointerException}, anything
 * else an {@link IllegalArgumentException}. Each check returns its value.
 */
public final class Checks {
    private Checks() {
    }

    /** {@code value}, which must not be null. */
    public static <T> T notNull(@Nullable T value, String field) {
        if (value == null) {
            throw new NullPointerException(field + " must be set, got null");
        }
        return value;
    }

    /** {@code value}, which must be above zero. */
    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value}, which must be zero or more. */
    public static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return value;
    }

    /** {@code value}, which must be {@code min} or more. */
    public static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** {@code value}, which must be set and longer than zero. */
    public static Duration positive(@Nullable Duration value, String field) {
        if (notNull(value, field).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code value}, which must be set and zero (meaning off) or longer. */
    public static Duration zeroOrPositive(@Nullable Duration value, String field) {
        if (notNull(value, field).isNegative()) {
            throw new IllegalArgumentException(field + " must be zero (off) or positive, got " + value);
        }
        return value;
    }

    /** {@code value}, which must be null (no limit) or longer than zero. */
    public static @Nullable Duration positiveOrNull(@Nullable Duration value, String field) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(field + " must be positive or null (no limit), got " + value);
        }
        return value;
    }
}
