package dev.weft.web;

import dev.weft.http.HttpTokens;
import dev.weft.internal.web.AnnotatedRoutes;
import dev.weft.internal.web.PathTemplate;
import dev.weft.internal.web.ViewHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Routes defined apart from any application and added later with {@link Application#addRoutes}, as aiohttp's
 * {@code RouteTableDef}; the same table can be added to several applications.
 *
 * <pre>{@code
 * RouteTable routes = RouteTable.create()
 *     .get("/", req -> Response.text("home"))
 *     .get("/users/{id}", "user", req -> Response.text(req.param("id")))
 *     .route("*", "/echo", req -> Response.text(req.method()));
 * app.addRoutes(routes);
 * }</pre>
 *
 * <p>Paths are checked when added: a malformed template, a bad regex, a repeated placeholder or a route added twice
 * (same method, and a path matching the same requests: {@code /users/{name}} repeats {@code /users/{id}}) fails at
 * once with {@link IllegalArgumentException} saying where the first one was added. A route of a sub-application that
 * repeats one of its parent's once the prefix is applied makes the start fail. Not thread-safe; build tables before
 * the application starts.
 */
public final class RouteTable {
    /** The method of a route that answers any method. */
    public static final String ANY_METHOD = "*";
    /** Where this library's classes are loaded from, to tell the caller's frames from ours. */
    private static final @Nullable String CORE_LOCATION = location(RouteTable.class);

    private final List<RouteDef> routes = new ArrayList<>();
    /** The routes by method and {@link PathTemplate#shape()}, to find duplicates in one lookup. */
    private final Map<String, RouteDef> byShape = new HashMap<>();
    private final Map<String, RouteDef> byName = new HashMap<>();
    private @Nullable String frozenBecause;

    private RouteTable() {
    }

    /** An empty table. */
    public static RouteTable create() {
        return new RouteTable();
    }

    /**
     * A table of the methods annotated with {@link Get}, {@link Post}, … on the given objects. Each such method takes
     * a {@link Request} and returns a {@link Reply} (or {@link Response}, or a {@code CompletionStage} of one); this
     * is checked here, once, not per request.
     */
    public static RouteTable of(Object... handlers) {
        RouteTable table = create();
        for (Object h : handlers) {
            AnnotatedRoutes.register(h, table);
        }
        return table;
    }

    /**
     * Serves the files under {@code directory} at {@code prefix} ({@code GET} and {@code HEAD}), as aiohttp's
     * {@code add_static}: {@code staticFiles("/static", Path.of("public"))} answers {@code /static/css/app.css} with
     * {@code public/css/app.css} as a {@link Response#file} (ranges, conditional requests, precompressed siblings).
     * A path that would leave the directory, in any spelling ({@code ..}, {@code %2e%2e}, a backslash, an absolute
     * path, NUL, a symbolic link unless followed), is answered with 404; a directory with 403, or its index (see
     * {@link StaticOptions}).
     *
     * @param prefix where the files are served, such as {@code /static} (no trailing slash)
     * @throws IllegalArgumentException if {@code prefix} does not start with {@code /} or ends with one
     */
    public RouteTable staticFiles(String prefix, java.nio.file.Path directory) {
        return staticFiles(prefix, directory, StaticOptions.create());
    }

    /** As {@link #staticFiles(String, java.nio.file.Path)}, with {@code options}. */
    public RouteTable staticFiles(String prefix, java.nio.file.Path directory, StaticOptions options) {
        if (!prefix.startsWith("/") || (prefix.endsWith("/") && prefix.length() > 1)) {
            throw new IllegalArgumentException("a static prefix starts with / and does not end with one, got '"
                    + prefix + "'");
        }
        String base = prefix.equals("/") ? "" : prefix;
        return add("GET", base + "/{" + dev.weft.internal.web.StaticHandler.TAIL + ":.*}", null,
                new dev.weft.internal.web.StaticHandler(base, directory, options));
    }

    /** Adds a route for {@code method} ({@code "*"} for any method). */
    public RouteTable route(String method, String path, Handler handler) {
        return add(method, path, null, handler);
    }

    /** Adds a named route for {@code method}, reversible with {@link Urls#url}. */
    public RouteTable route(String method, String path, String name, Handler handler) {
        return add(method, path, name, handler);
    }

    public RouteTable get(String path, Handler handler) {
        return add("GET", path, null, handler);
    }

    public RouteTable get(String path, String name, Handler handler) {
        return add("GET", path, name, handler);
    }

    public RouteTable post(String path, Handler handler) {
        return add("POST", path, null, handler);
    }

    public RouteTable post(String path, String name, Handler handler) {
        return add("POST", path, name, handler);
    }

    public RouteTable put(String path, Handler handler) {
        return add("PUT", path, null, handler);
    }

    public RouteTable put(String path, String name, Handler handler) {
        return add("PUT", path, name, handler);
    }

    public RouteTable patch(String path, Handler handler) {
        return add("PATCH", path, null, handler);
    }

    public RouteTable patch(String path, String name, Handler handler) {
        return add("PATCH", path, name, handler);
    }

    public RouteTable delete(String path, Handler handler) {
        return add("DELETE", path, null, handler);
    }

    public RouteTable delete(String path, String name, Handler handler) {
        return add("DELETE", path, name, handler);
    }

    public RouteTable head(String path, Handler handler) {
        return add("HEAD", path, null, handler);
    }

    public RouteTable options(String path, Handler handler) {
        return add("OPTIONS", path, null, handler);
    }

    /** Adds a class-based view: each HTTP method goes to the view's method of that name; others get 405. */
    public RouteTable view(String path, View view) {
        return add(ANY_METHOD, path, null, new ViewHandler(view));
    }

    /** Adds a named class-based view. */
    public RouteTable view(String path, String name, View view) {
        return add(ANY_METHOD, path, name, new ViewHandler(view));
    }

    /** Adds every route of {@code other}. */
    public RouteTable addAll(RouteTable other) {
        for (RouteDef r : other.routes) {
            add(r);
        }
        return this;
    }

    /** The routes in registration order. */
    public List<RouteDef> routes() {
        return Collections.unmodifiableList(routes);
    }

    /** Number of routes. */
    public int size() {
        return routes.size();
    }

    private RouteTable add(String method, String path, @Nullable String name, Handler handler) {
        return add(new RouteDef(normaliseMethod(method), path, name, handler, callerOrigin()));
    }

    RouteTable add(RouteDef route) {
        if (frozenBecause != null) {
            throw new IllegalStateException("cannot add route " + route.method() + " " + route.path() + ": "
                    + frozenBecause);
        }
        PathTemplate template = PathTemplate.parse(route.path()); // validates, throws with the reason
        String key = route.method() + " " + template.shape();
        RouteDef same = byShape.get(key);
        if (same != null) {
            throw new IllegalArgumentException(duplicate(route, same));
        }
        if (route.name() != null) {
            RouteDef named = byName.get(route.name());
            if (named != null) {
                throw new IllegalArgumentException("Route name '" + route.name() + "' is already used by "
                        + named.method() + " " + named.path() + " (added at " + named.origin() + "); route names are"
                        + " unique");
            }
            byName.put(route.name(), route);
        }
        byShape.put(key, route);
        routes.add(route);
        return this;
    }

    /** The message for {@code route}, which matches the same requests as {@code first}. */
    private static String duplicate(RouteDef route, RouteDef first) {
        String what = route.method() + " " + route.path();
        String earlier = first.method() + " " + first.path();
        return (what.equals(earlier)
                ? "Route " + what + " already exists (added at " + first.origin() + ")"
                : "Route " + what + " matches the same requests as " + earlier + " (added at " + first.origin() + ")")
                + "; use a different path or remove the earlier route";
    }

    void freeze(String because) {
        this.frozenBecause = because;
    }

    private static String normaliseMethod(String method) {
        if (ANY_METHOD.equals(method)) {
            return method;
        }
        if (!HttpTokens.isToken(method)) {
            throw new IllegalArgumentException("'" + method + "' is not an HTTP method (a token such as GET)");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    /** Where the caller of the framework code now running is: {@code File.java:42}. */
    static String callerOrigin() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> !isFramework(f.getDeclaringClass()))
                .findFirst()
                .map(f -> {
                    String file = f.getFileName();
                    return (file == null ? f.getClassName() : file) + ":" + f.getLineNumber();
                })
                .orElse("unknown"));
    }

    /** Classes of this library, the JDK and the Kotlin DSL; user code in any package (even dev.weft.web) is not. */
    private static boolean isFramework(Class<?> c) {
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("kotlin.") || name.startsWith("dev.weft.kotlin.")) {
            return true;
        }
        String where = location(c);
        if (where == null || CORE_LOCATION == null) {
            return name.startsWith("dev.weft.web.") || name.startsWith("dev.weft.internal.");
        }
        return where.equals(CORE_LOCATION);
    }

    private static @Nullable String location(Class<?> c) {
        try {
            var source = c.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null : source.getLocation().toString();
        } catch (SecurityException e) {
            return null;
        }
    }
}
