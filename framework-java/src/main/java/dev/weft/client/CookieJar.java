package dev.weft.client;

import dev.weft.http.Cookie;
import dev.weft.internal.client.DefaultCookieJar;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Stores the cookies a session receives and picks those to send, following RFC 6265 (aiohttp's {@code CookieJar}):
 * <ul>
 *   <li>a {@code Domain} attribute must domain-match the responding host and must not be a public suffix
 *       ({@code com}, {@code co.uk}, …; a built-in list of the common suffixes, not the full Public Suffix List),
 *       else the cookie is rejected; without one the cookie is host-only and is sent to that exact host only;</li>
 *   <li>{@code Path} defaults to the directory of the request path; a cookie is sent to paths it path-matches;</li>
 *   <li>{@code Max-Age} wins over {@code Expires}; an expiry in the past deletes the cookie;</li>
 *   <li>{@code Secure} cookies are sent over https only, and are accepted only from https;</li>
 *   <li>hosts that are IP addresses get no cookies unless the jar is {@link Builder#unsafe(boolean) unsafe}.</li>
 * </ul>
 *
 * <p>Every method may be called from any thread. A jar belongs to a session: sessions that share a connector keep
 * separate jars.
 */
public interface CookieJar {

    /** A jar with the defaults (not unsafe, the system clock). */
    static CookieJar create() {
        return builder().build();
    }

    /** A jar with the defaults changed by {@code config}. */
    static CookieJar create(Consumer<Builder> config) {
        Builder b = builder();
        config.accept(b);
        return b.build();
    }

    /** A builder with the defaults. */
    static Builder builder() {
        return new Builder();
    }

    /** Stores {@code cookies} (parsed {@code Set-Cookie} values) from {@code url}, rejecting those RFC 6265 refuses. */
    void update(List<Cookie> cookies, URI url);

    /** The cookies to send to {@code url}, most specific path first; expired ones are dropped on the way. */
    List<Cookie> filter(URI url);

    /**
     * Every stored cookie that has not expired. Each carries its domain and, where it expires, the absolute
     * {@code expires} time (never a {@code maxAge}).
     */
    List<Cookie> cookies();

    /** Removes every cookie. */
    void clear();

    /** Removes the cookies {@code predicate} accepts. */
    void clear(Predicate<Cookie> predicate);

    /** Removes the cookies of {@code domain} and of its subdomains. */
    void clearDomain(String domain);

    /** Number of stored cookies, expired ones included until they are next looked at. */
    int size();

    /** Builds a {@link CookieJar}. Not thread-safe. */
    final class Builder {
        private boolean unsafe;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Whether to keep cookies from hosts that are IP addresses (RFC 6265 leaves them out); default false. */
        public Builder unsafe(boolean unsafe) {
            this.unsafe = unsafe;
            return this;
        }

        /** The clock that expiry is measured with; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public CookieJar build() {
            return new DefaultCookieJar(unsafe, clock);
        }
    }
}
