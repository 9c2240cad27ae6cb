package dev.weft.web;

/**
 * The access log: one line per response through SLF4J logger {@value #LOGGER_NAME} at INFO, in aiohttp's format
 * language. Atoms: {@code %a} remote address, {@code %t} time the request started, {@code %P} process id,
 * {@code %r} first request line, {@code %s} status, {@code %b} body bytes sent, {@code %T} seconds taken,
 * {@code %Tf} seconds as a fraction, {@code %D} microseconds, {@code %{Name}i} a request header, {@code %{Name}o} a
 * response header, {@code %%} a percent sign.
 *
 * @param enabled whether lines are written (the logger's level is checked too, so a disabled logger costs nothing)
 * @param format  the line format, default {@value #DEFAULT_FORMAT}
 */
public record AccessLog(boolean enabled, String format) {
    public static final String LOGGER_NAME = "dev.weft.access";
    public static final String DEFAULT_FORMAT = "%a %t \"%r\" %s %b \"%{Referer}i\" \"%{User-Agent}i\"";

    /** Logging on, default format. */
    public static AccessLog defaults() {
        return new AccessLog(true, DEFAULT_FORMAT);
    }

    /** No access log. */
    public static AccessLog off() {
        return new AccessLog(false, DEFAULT_FORMAT);
    }

    /** Logging on with {@code format}. */
    public static AccessLog format(String format) {
        return new AccessLog(true, format);
    }
}
