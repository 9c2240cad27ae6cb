package dev.weft.internal.web;

import dev.weft.web.Application;
import dev.weft.web.Handler;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The compiled routing of a started application tree: domain sub-applications first (by {@code Host}), then the
 * root's routes. What is not found goes through {@link #unmatched()}, the root's middlewares around a handler that
 * answers 404 or 405, so middlewares see those too, as in aiohttp.
 */
public final class Dispatcher {
    private final Application root;
    private final RouteMatcher matcher;
    private final List<Domain> domains;
    private final Handler unmatched;

    public Dispatcher(Application root, RouteMatcher matcher, List<Domain> domains, Handler unmatched) {
        this.root = root;
        this.matcher = matcher;
        this.domains = List.copyOf(domains);
        this.unmatched = unmatched;
    }

    /** A domain sub-application: {@code pattern} is {@code example.com} or {@code *.example.com}. */
    public record Domain(String pattern, RouteMatcher matcher) {
        boolean matches(String host) {
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                return host.endsWith(suffix) && host.length() > suffix.length();
            }
            return host.equals(pattern);
        }
    }

    public Application root() {
        return root;
    }

    /** The root's middlewares around the 404/405 answer. */
    public Handler unmatched() {
        return unmatched;
    }

    /** Finds the route; {@code host} is the {@code Host} header or null. */
    public RouteMatch lookup(String method, @Nullable String host, String path) {
        RouteMatch.MethodNotAllowed notAllowed = null;
        if (!domains.isEmpty() && host != null) {
            String name = hostName(host);
            String lower = host.toLowerCase(Locale.ROOT);
            for (Domain d : domains) {
                if (d.matches(name) || d.matches(lower)) {
                    RouteMatch m = d.matcher().lookup(method, path);
                    if (m instanceof RouteMatch.Found) {
                        return m;
                    }
                    if (m instanceof RouteMatch.MethodNotAllowed n && notAllowed == null) {
                        notAllowed = n;
                    }
                }
            }
        }
        RouteMatch m = matcher.lookup(method, path);
        // The path exists on the host's domain application, for other methods: 405, not the root's 404.
        return notAllowed != null && m instanceof RouteMatch.NotFound ? notAllowed : m;
    }

    private static String hostName(String host) {
        int colon = host.lastIndexOf(':');
        String name = colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
        return name.toLowerCase(Locale.ROOT);
    }
}
