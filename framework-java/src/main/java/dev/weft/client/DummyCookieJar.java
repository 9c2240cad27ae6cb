package dev.weft.client;

import dev.weft.http.Cookie;
import java.net.URI;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link CookieJar} that stores nothing and sends nothing (aiohttp's {@code DummyCookieJar}), for sessions that
 * must not carry state between requests. Cookies given per request are still sent. Any thread.
 */
public final class DummyCookieJar implements CookieJar {
    private static final DummyCookieJar INSTANCE = new DummyCookieJar();

    private DummyCookieJar() {
    }

    /** The jar (it has no state, so one is shared). */
    public static DummyCookieJar create() {
        return INSTANCE;
    }

    @Override
    public void update(List<Cookie> cookies, URI url) {
    }

    @Override
    public List<Cookie> filter(URI url) {
        return List.of();
    }

    @Override
    public List<Cookie> cookies() {
        return List.of();
    }

    @Override
    public void clear() {
    }

    @Override
    public void clear(Predicate<Cookie> predicate) {
    }

    @Override
    public void clearDomain(String domain) {
    }

    @Override
    public int size() {
        return 0;
    }
}
