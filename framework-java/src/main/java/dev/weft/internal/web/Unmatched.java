package dev.weft.internal.web;

import dev.weft.web.Request;

/** Reads, for the 404/405 handler, what the route lookup found for a request. */
public final class Unmatched {
    private Unmatched() {
    }

    public static RouteMatch of(Request request) {
        return request instanceof DefaultRequest r ? r.match() : RouteMatch.NotFound.INSTANCE;
    }
}
