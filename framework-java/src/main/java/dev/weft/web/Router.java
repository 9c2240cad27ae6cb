package dev.weft.web;

import dev.weft.http.MultiMap;
import java.util.List;
import java.util.Map;

/**
 * An application's routes as seen from outside: URL reversal by route name, and the list of routes.
 * Available before and after the application starts; a sub-application's URLs include its prefix.
 */
public interface Router {

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
