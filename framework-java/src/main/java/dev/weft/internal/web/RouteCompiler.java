package dev.weft.internal.web;

import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.Middleware;
import dev.weft.web.Next;
import dev.weft.web.Reply;
import dev.weft.web.RouteDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a frozen application tree into a {@link Dispatcher}: each route gets its full path (sub-application
 * prefixes in front) and its handler wrapped once in the middlewares from the root down to its owner, so nothing is
 * composed per request.
 */
public final class RouteCompiler {
    private RouteCompiler() {
    }

    /** The dispatcher of {@code root} and its sub-applications, which must be frozen (started). */
    public static Dispatcher compile(Application root) {
        List<CompiledRoute> routes = new ArrayList<>();
        List<Dispatcher.Domain> domains = new ArrayList<>();
        collect(root, "", List.of(), routes, domains, "", new HashMap<>());
        Handler unmatched = chain(root.middlewares(), UnmatchedHandler.INSTANCE);
        return new Dispatcher(root, new RouteMatcher(routes), domains, unmatched);
    }

    /**
     * Adds the routes of {@code app} and its sub-applications. {@code seen} holds the routes so far by domain, method
     * and path shape: each table refuses its own duplicates, but a route of a sub-application can only clash with
     * its parent's once prefixes are applied.
     */
    private static void collect(Application app, String prefix, List<Middleware> outer, List<CompiledRoute> out,
                                List<Dispatcher.Domain> domains, String domain, Map<String, RouteDef> seen) {
        List<Middleware> mws = new ArrayList<>(outer);
        mws.addAll(app.middlewares());
        for (RouteDef r : app.routes().routes()) {
            PathTemplate t = PathTemplate.parse(prefix + r.path());
            RouteDef full = new RouteDef(r.method(), t.source(), r.name(), r.handler(), r.origin());
            RouteDef first = seen.putIfAbsent(domain + " " + r.method() + " " + t.shape(), full);
            if (first != null) {
                throw new IllegalStateException("Route " + full.method() + " " + full.path() + " (added at "
                        + full.origin() + (prefix.isEmpty() ? "" : ", in the sub-application at " + prefix)
                        + ") matches the same requests as " + first.method() + " " + first.path() + " (added at "
                        + first.origin() + "); use a different path or remove one of them");
            }
            out.add(new CompiledRoute(r.method(), t, r.name(), chain(mws, r.handler()), app));
        }
        for (Application.Mount m : app.subapps()) {
            if (m.domain() != null) {
                List<CompiledRoute> inner = new ArrayList<>();
                collect(m.app(), "", mws, inner, domains, m.domain(), seen);
                domains.add(new Dispatcher.Domain(m.domain(), new RouteMatcher(inner)));
            } else {
                collect(m.app(), prefix + m.prefix(), mws, out, domains, domain, seen);
            }
        }
    }

    /** {@code handler} wrapped in {@code middlewares}, the first outermost. */
    public static Handler chain(List<Middleware> middlewares, Handler handler) {
        Handler next = safe(handler);
        for (int i = middlewares.size() - 1; i >= 0; i--) {
            Middleware m = middlewares.get(i);
            Handler inner = next;
            Next rest = request -> {
                try {
                    return inner.handle(request);
                } catch (Exception e) {
                    return Reply.failed(e); // not reached: inner is safe; Handler declares what Next does not
                }
            };
            next = safe(request -> m.handle(request, rest));
        }
        return next;
    }

    /** A handler that never throws: exceptions and a null reply come back as a failed reply. */
    private static Handler safe(Handler h) {
        return request -> {
            Reply reply;
            try {
                reply = h.handle(request);
            } catch (Exception e) {
                return Reply.failed(e);
            }
            return reply != null ? reply
                    : Reply.failed(new NullPointerException("the handler returned null instead of a reply"));
        };
    }
}
