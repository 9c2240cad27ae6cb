package dev.weft.internal.client;

import dev.weft.client.CookieJar;
import dev.weft.http.Cookie;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The RFC 6265 cookie store behind {@link CookieJar#create()}; one lock, as cookie traffic is light. */
public final class DefaultCookieJar implements CookieJar {
    /** A jar keeps at most this many cookies; the oldest go first (RFC 6265 §6.1 asks for at least 3000). */
    static final int MAX_COOKIE_COUNT = 3000;

    private final boolean unsafe;
    private final Clock clock;
    /** Keyed by domain, path and name (the cookie's identity in RFC 6265 §5.3 step 11), in insertion order. */
    private final Map<String, Stored> cookies = new LinkedHashMap<>();

    public DefaultCookieJar(boolean unsafe, Clock clock) {
        this.unsafe = unsafe;
        this.clock = clock;
    }

    /** A stored cookie: its request-independent identity and attributes (RFC 6265 §5.3). */
    private record Stored(String name, String value, String domain, boolean hostOnly, String path,
                          @Nullable Instant expiry, boolean secure, boolean httpOnly,
                          Cookie.@Nullable SameSite sameSite, long created) {
        String key() {
            return domain + ';' + path + ';' + name;
        }
    }

    @Override
    public synchronized void update(List<Cookie> received, URI url) {
        if (received.isEmpty()) {
            return; // most responses set none
        }
        String host = host(url);
        if (host == null || !unsafe && isIp(host)) {
            return;
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        Instant now = clock.instant();
        for (Cookie c : received) {
            if (c.secure() && !https) {
                continue; // RFC 6265bis §5.7 step 15: only a secure origin may set a Secure cookie
            }
            String domain;
            boolean hostOnly;
            String attr = c.domain();
            if (attr == null || attr.isEmpty()) {
                domain = host;
                hostOnly = true;
            } else {
                domain = attr.toLowerCase(Locale.ROOT);
                if (domain.startsWith(".")) {
                    domain = domain.substring(1);
                }
                if (PublicSuffixes.isPublicSuffix(domain)) {
                    if (!domain.equals(host)) {
                        continue; // §5.3 step 5
                    }
                    hostOnly = true;
                } else if (!domainMatches(host, domain) || isIp(host) && !domain.equals(host)) {
                    continue; // §5.3 step 6
                } else {
                    hostOnly = false;
                }
            }
            String path = c.path() != null && c.path().startsWith("/") ? c.path() : defaultPath(url);
            Instant expiry = null;
            if (c.maxAge() != null) {
                expiry = c.maxAge().isZero() ? Instant.MIN : safePlus(now, c.maxAge().getSeconds());
            } else if (c.expires() != null) {
                expiry = c.expires();
            }
            Stored s = new Stored(c.name(), c.value(), domain, hostOnly, path, expiry, c.secure(), c.httpOnly(),
                    c.sameSite(), now.toEpochMilli());
            Stored old = cookies.remove(s.key());
            if (expiry != null && !expiry.isAfter(now)) {
                continue; // an expiry in the past deletes the cookie
            }
            cookies.put(s.key(), old == null ? s : new Stored(s.name, s.value, s.domain, s.hostOnly, s.path,
                    s.expiry, s.secure, s.httpOnly, s.sameSite, old.created));
            if (cookies.size() > MAX_COOKIE_COUNT) {
                Iterator<String> oldest = cookies.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    @Override
    public synchronized List<Cookie> filter(URI url) {
        if (cookies.isEmpty()) {
            return List.of(); // nothing to match: no clock reading, no lists to sort
        }
        String host = host(url);
        if (host == null || !unsafe && isIp(host)) {
            return List.of();
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        Instant now = clock.instant();
        List<Stored> out = new ArrayList<>();
        for (Iterator<Stored> it = cookies.values().iterator(); it.hasNext(); ) {
            Stored s = it.next();
            if (s.expiry != null && !s.expiry.isAfter(now)) {
                it.remove();
                continue;
            }
            boolean domainOk = s.hostOnly ? host.equals(s.domain) : domainMatches(host, s.domain);
            if (domainOk && pathMatches(path, s.path) && (!s.secure || https)) {
                out.add(s);
            }
        }
        // §5.4 step 2: longer paths first, then earlier creation
        out.sort(Comparator.comparingInt((Stored s) -> -s.path.length()).thenComparingLong(s -> s.created));
        List<Cookie> result = new ArrayList<>(out.size());
        for (Stored s : out) {
            result.add(Cookie.of(s.name, s.value));
        }
        return result;
    }

    @Override
    public synchronized List<Cookie> cookies() {
        Instant now = clock.instant();
        List<Cookie> out = new ArrayList<>();
        for (Stored s : cookies.values()) {
            if (s.expiry == null || s.expiry.isAfter(now)) {
                out.add(new Cookie(s.name, s.value, s.domain, s.path, null, s.expiry, s.secure, s.httpOnly,
                        s.sameSite));
            }
        }
        return out;
    }

    @Override
    public synchronized void clear() {
        cookies.clear();
    }

    @Override
    public synchronized void clear(Predicate<Cookie> predicate) {
        cookies.values().removeIf(s -> predicate.test(new Cookie(s.name, s.value, s.domain, s.path, null, s.expiry,
                s.secure, s.httpOnly, s.sameSite)));
    }

    @Override
    public synchronized void clearDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        cookies.values().removeIf(s -> domainMatches(s.domain, d));
    }

    @Override
    public synchronized int size() {
        return cookies.size();
    }

    private static @Nullable String host(URI url) {
        String h = url.getHost();
        if (h == null) {
            return null;
        }
        h = h.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** RFC 6265 §5.1.3: equal, or {@code host} ends with "." + {@code domain} and is not an IP address. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.length() > domain.length()
                && host.charAt(host.length() - domain.length() - 1) == '.' && !isIp(host);
    }

    /** RFC 6265 §5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 §5.1.4 default-path: the request path up to, not including, its last '/'. */
    static String defaultPath(URI url) {
        String p = url.getRawPath();
        if (p == null || p.isEmpty() || p.charAt(0) != '/') {
            return "/";
        }
        int last = p.lastIndexOf('/');
        return last == 0 ? "/" : p.substring(0, last);
    }

    static boolean isIp(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6 literal
        }
        return IpLiterals.isIpv4(host);
    }

    private static Instant safePlus(Instant now, long seconds) {
        try {
            return now.plusSeconds(seconds);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MAX;
        }
    }
}
