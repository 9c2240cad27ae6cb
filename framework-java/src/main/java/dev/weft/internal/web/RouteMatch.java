package dev.weft.internal.web;

import java.util.Map;
import java.util.Set;

/** What a route lookup found: a route and its placeholder values, a path without the method, or nothing. */
public sealed interface RouteMatch permits RouteMatch.Found, RouteMatch.MethodNotAllowed, RouteMatch.NotFound {

    /** The route and the decoded placeholder values. */
    record Found(CompiledRoute route, Map<String, String> params) implements RouteMatch {
    }

    /** The path exists, for other methods only. */
    record MethodNotAllowed(Set<String> allowed) implements RouteMatch {
    }

    /** No route has this path. */
    enum NotFound implements RouteMatch { INSTANCE }
}
