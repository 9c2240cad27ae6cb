package dev.weft.web;

import dev.weft.http.MultiMap;
import java.util.List;
import java.util.Map;

/**
 * The URLs of an application's routes: the URL of a named route with its placeholders filled in (URL reversal,
 * aiohttp's {@code app.router[name].url_for(...)}, Flask's {@code url_for}), and the list of routes they come from.
 * Get it with {@link Application#urls()}:
 *
 * <pre>{@code
 * app.routes().get("/users/{id}", "user", handler);
 * String url = app.urls().url("user", Map.of("id", "7"));     // "/users/7"
 * }</pre>
 *
 * Available before and after the application starts; a sub-application's URLs include its prefix. Any thread: it reads
 * the route table, which is frozen once the application starts.
 */
public interface Urls {

    /** The URL of named route {@code name}, which has no placeholders. */
    default String url(String name) {
        return url(name, Map.of(), MultiMap.empty());
    }

    /** The URL of named route {@code name} with placeholder values, percent-encoded. */
    default String url(String name, Map<String, String> params) {
        return url(name, params, MultiMap.empty());
    }

    /**
     * The URL of named route {@code name} with placeholder values and a query string, percent-encoded. The URL
     * routes back to the same values: a value its placeholder would not match is refused, such as {@code "a/b"} for
     * a one-segment {@code {name}} (routes match the decoded path, where every {@code /} separates segments; use
     * {@code {name:.+}} for values with slashes).
     *
     * @throws IllegalArgumentException for an unknown name, or a missing, extra or non-matching value
     */
    String url(String name, Map<String, String> params, MultiMap query);

    /** This application's own routes (not its sub-applications'), in registration order. */
    List<RouteDef> routes();
}
