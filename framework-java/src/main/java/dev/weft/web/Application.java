package dev.weft.web;

import dev.weft.internal.util.Deprecations;
import dev.weft.internal.web.AppUrls;
import dev.weft.json.JsonCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A web application: routes, middlewares, lifecycle signals, nested sub-applications, and typed state — the place
 * where a database pool or an HTTP client lives, as in aiohttp's {@code web.Application}.
 *
 * <pre>{@code
 * Application app = Application.create();
 * app.set(DB, pool);
 * app.routes().get("/", req -> Response.text("hello"));
 * app.use(loggingMiddleware);
 * app.addSubapp("/admin", adminApp);
 * Server.run(app, "0.0.0.0", 8080);
 * }</pre>
 *
 * <p>The application freezes when it starts: adding routes, middlewares, signals or sub-applications after that throws
 * {@link IllegalStateException}; state values stay settable. Final by design: extend it through {@link AppKey}s, not
 * subclasses. Configure it from one thread before starting; state may be read and set from any thread.
 */
public final class Application {
    /** Default {@link #clientMaxSize()}: 1 MiB, as aiohttp's. */
    public static final long DEFAULT_CLIENT_MAX_SIZE_BYTES = 1024 * 1024;

    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*(:\\d+)?");

    private final Map<AppKey<?>, Object> state = new ConcurrentHashMap<>();
    private final RouteTable routes = RouteTable.create();
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<AppSignal> onStartup = new ArrayList<>();
    private final List<AppSignal> onShutdown = new ArrayList<>();
    private final List<AppSignal> onCleanup = new ArrayList<>();
    private final List<CleanupContext> cleanupContexts = new ArrayList<>();
    private final List<Mount> subapps = new ArrayList<>();
    private long clientMaxSize = DEFAULT_CLIENT_MAX_SIZE_BYTES;
    private JsonCodec jsonCodec = JsonCodec.jackson();
    private @Nullable Application parent;
    private String prefix = "";
    private volatile boolean frozen;

    private Application() {
    }

    /** A new, empty application. */
    public static Application create() {
        return new Application();
    }

    // ---- state

    /**
     * Sets state {@code key}; allowed at any time, also after start. Returns this application.
     *
     * @throws ClassCastException naming the key when {@code value} is not of the key's type (possible only through an
     *                            unchecked call)
     */
    public <T> Application set(AppKey<T> key, T value) {
        state.put(key, key.cast(Objects.requireNonNull(value, () -> "value for " + key)));
        return this;
    }

    /** The value of {@code key} in this application (not its parent's), or null. */
    public <T> @Nullable T get(AppKey<T> key) {
        return key.cast(state.get(key));
    }

    /**
     * The value of {@code key}.
     *
     * @throws IllegalStateException naming the key when it was not set on this application
     */
    public <T> T require(AppKey<T> key) {
        T value = get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not set on this application"
                    + (parent == null ? "" : " (a sub-application sees only its own state; set it here too)"));
        }
        return value;
    }

    /** Whether {@code key} is set on this application. */
    public boolean has(AppKey<?> key) {
        return state.containsKey(key);
    }

    /** Removes {@code key}; returns the old value or null. */
    public <T> @Nullable T remove(AppKey<T> key) {
        return key.cast(state.remove(key));
    }

    // ---- routes and middlewares

    /** This application's own route table: {@code app.routes().get("/", handler)}. */
    public RouteTable routes() {
        return routes;
    }

    /** Adds every route of {@code table} (copied now: later changes to the table do not reach this application). */
    public Application addRoutes(RouteTable table) {
        checkNotFrozen("add routes");
        routes.addAll(table);
        return this;
    }

    /**
     * The URLs of this application's named routes (URL reversal) and its route list: {@code app.urls().url("user",
     * Map.of("id", "7"))}. A sub-application's URLs include its mount prefix, as it is when the URL is built.
     */
    public Urls urls() {
        return new AppUrls(routes, this::mountPrefix);
    }

    /**
     * The same as {@link #urls()}, under the type's former name.
     *
     * @deprecated use {@link #urls()}; logs a warning on first use
     */
    @Deprecated(since = "0.1")
    public Router router() {
        Deprecations.warnOnce("Application.router()", "Application.urls()");
        return new AppUrls(routes, this::mountPrefix);
    }

    /** Adds a middleware; the first ever added is the outermost. */
    public Application use(Middleware middleware) {
        checkNotFrozen("add a middleware");
        middlewares.add(Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    /** Adds middlewares in order; the first ever added is the outermost. */
    public Application use(Middleware... middleware) {
        checkNotFrozen("add a middleware");
        for (Middleware m : middleware) {
            middlewares.add(Objects.requireNonNull(m, "middleware"));
        }
        return this;
    }

    /**
     * Mounts {@code subapp} under {@code prefix} (such as {@code /admin}): its routes answer below the prefix, its
     * middlewares wrap only its routes (inside this application's), its state is its own, and its signals run with
     * this application's. An application can be mounted once.
     */
    public Application addSubapp(String prefix, Application subapp) {
        checkNotFrozen("add a sub-application");
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("{")) {
            throw new IllegalArgumentException("sub-application prefix '" + prefix + "' must start with '/', not end"
                    + " with '/', and be static, e.g. \"/admin\"");
        }
        mount(subapp, prefix, null);
        return this;
    }

    /**
     * Serves {@code subapp} for requests whose {@code Host} matches {@code domain}: an exact name such as
     * {@code api.example.com}, or a wildcard {@code *.example.com} for any sub-domain. Checked before this
     * application's own routes.
     */
    public Application addDomain(String domain, Application subapp) {
        checkNotFrozen("add a domain sub-application");
        if (!DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain such as example.com or *.example.com");
        }
        mount(subapp, "", domain.toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    private void mount(Application subapp, String prefix, @Nullable String domain) {
        if (subapp == this) {
            throw new IllegalArgumentException("an application cannot be its own sub-application");
        }
        for (Application a = parent; a != null; a = a.parent) {
            if (a == subapp) {
                throw new IllegalArgumentException("cannot mount an application inside its own sub-application:"
                        + " that would make a cycle");
            }
        }
        if (subapp.parent != null) {
            throw new IllegalStateException("this sub-application is already mounted at '"
                    + (subapp.prefix.isEmpty() ? "a domain" : subapp.prefix) + "'; an application is mounted once");
        }
        if (subapp.frozen) {
            throw new IllegalStateException("cannot mount a started application as a sub-application");
        }
        subapp.parent = this;
        subapp.prefix = prefix;
        subapps.add(new Mount(prefix, domain, subapp));
    }

    // ---- signals

    /**
     * Runs {@code signal} at startup, before the server accepts connections and after the setups of this
     * application's {@link #cleanupContext cleanup contexts}, so it can use what they set up.
     */
    public Application onStartup(AppSignal signal) {
        checkNotFrozen("add a startup signal");
        onStartup.add(signal);
        return this;
    }

    /** Runs {@code signal} at shutdown, after new connections are refused, before in-flight requests are awaited. */
    public Application onShutdown(AppSignal signal) {
        checkNotFrozen("add a shutdown signal");
        onShutdown.add(signal);
        return this;
    }

    /**
     * Runs {@code signal} at cleanup, the last step of a shutdown: cleanup signals run last added first, then the
     * teardowns of this application's cleanup contexts; a sub-application cleans up before its parent.
     */
    public Application onCleanup(AppSignal signal) {
        checkNotFrozen("add a cleanup signal");
        onCleanup.add(signal);
        return this;
    }

    /** Adds a resource whose setup runs at startup and whose teardown runs at cleanup. */
    public Application cleanupContext(CleanupContext context) {
        checkNotFrozen("add a cleanup context");
        cleanupContexts.add(context);
        return this;
    }

    // ---- settings

    /** The largest request body a handler may read, in bytes; past it the request gets 413. */
    public long clientMaxSize() {
        return clientMaxSize;
    }

    /** Sets {@link #clientMaxSize()} (default {@value #DEFAULT_CLIENT_MAX_SIZE_BYTES}). */
    public Application clientMaxSize(long bytes) {
        checkNotFrozen("change clientMaxSize");
        if (bytes < 0) {
            throw new IllegalArgumentException("clientMaxSize must be >= 0, got " + bytes);
        }
        this.clientMaxSize = bytes;
        return this;
    }

    /** The codec for {@code Response.json} and {@code request.json}. */
    public JsonCodec jsonCodec() {
        return jsonCodec;
    }

    /** Sets the JSON codec (default {@link JsonCodec#jackson()}). */
    public Application jsonCodec(JsonCodec codec) {
        checkNotFrozen("change the JSON codec");
        this.jsonCodec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    // ---- lifecycle

    /** Whether the application has started (or was frozen by hand). */
    public boolean isFrozen() {
        return frozen;
    }

    /** Freezes this application and its sub-applications; done by the server at start. Idempotent. */
    public void freeze() {
        if (frozen) {
            return;
        }
        frozen = true;
        routes.freeze("the application has started (routes are fixed once it runs)");
        for (Mount m : subapps) {
            m.app().freeze();
        }
    }

    /** The application this one is mounted in, or null for a root application. */
    public @Nullable Application parent() {
        return parent;
    }

    /** The full path prefix this application is mounted under ({@code ""} for the root or a domain). */
    public String mountPrefix() {
        return parent == null ? prefix : parent.mountPrefix() + prefix;
    }

    /** The middlewares added to this application, outermost first. */
    public List<Middleware> middlewares() {
        return Collections.unmodifiableList(middlewares);
    }

    /** The sub-applications added to this one, in the order added, with where each is mounted. */
    public List<Mount> subapps() {
        return Collections.unmodifiableList(subapps);
    }

    List<AppSignal> startupSignals() {
        return onStartup;
    }

    List<AppSignal> shutdownSignals() {
        return onShutdown;
    }

    List<AppSignal> cleanupSignals() {
        return onCleanup;
    }

    List<CleanupContext> cleanupContexts() {
        return cleanupContexts;
    }

    private void checkNotFrozen(String what) {
        if (frozen) {
            throw new IllegalStateException("cannot " + what + ": the application has started and is frozen; do it"
                    + " before the server starts");
        }
    }

    @Override
    public String toString() {
        return "Application[" + (mountPrefix().isEmpty() ? "/" : mountPrefix()) + ", " + routes.size() + " routes]";
    }

    /**
     * A sub-application and where it is mounted: under a path {@code prefix} (then {@code domain} is null), or for
     * the requests whose {@code Host} matches {@code domain} (then {@code prefix} is {@code ""}).
     */
    public record Mount(String prefix, @Nullable String domain, Application app) {
    }
}
