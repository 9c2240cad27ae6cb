package dev.weft.bench;

import dev.weft.internal.web.Dispatcher;
import dev.weft.internal.web.RouteMatch;
import dev.weft.internal.web.RouteCompiler;
import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.Response;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route lookup with 10, 100, 1,000 and 10,000 routes: the cost must not grow with the number of routes
 * ({@code ARCHITECTURE.md}, "Performance rules for the request path"). Half the routes are static ({@code /static/r7/list}), half have two placeholders
 * ({@code /param/r7/{id}/posts/{post}}); each lookup asks for the route registered last, where a router that tried
 * every route in turn would be slowest.
 *
 * <p>The application is built and compiled as the server does it at start ({@code RouteCompiler.compile}), and the
 * dispatcher's lookup is measured alone: no socket, no request object, no handler call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {

    /** Total number of routes, half static and half parametrised. */
    @Param({"10", "100", "1000", "10000"})
    public int routes;

    private Dispatcher dispatcher;
    // Fields, not constants, so that the JIT cannot fold the lookups away.
    private String method = "GET";
    private String host = "localhost";
    private String staticPath;
    private String paramPath;
    private String missingPath = "/nowhere/to/be/found";

    @Setup
    public void setup() {
        Handler ok = req -> Response.text("ok");
        Application app = Application.create();
        int half = routes / 2;
        for (int i = 0; i < half; i++) {
            app.routes()
                    .get("/static/r" + i + "/list", ok)
                    .get("/param/r" + i + "/{id}/posts/{post}", ok);
        }
        app.freeze();
        dispatcher = RouteCompiler.compile(app);
        staticPath = "/static/r" + (half - 1) + "/list";
        paramPath = "/param/r" + (half - 1) + "/42/posts/7";
        check(dispatcher.lookup(method, host, staticPath), 0);
        check(dispatcher.lookup(method, host, paramPath), 2);
        if (!(dispatcher.lookup(method, host, missingPath) instanceof RouteMatch.NotFound)) {
            throw new IllegalStateException(missingPath + " should not be found");
        }
    }

    private static void check(RouteMatch match, int params) {
        if (!(match instanceof RouteMatch.Found found) || found.params().size() != params) {
            throw new IllegalStateException("the benchmark's lookup does not find its route: " + match);
        }
    }

    @Benchmark
    public RouteMatch staticRoute() {
        return dispatcher.lookup(method, host, staticPath);
    }

    @Benchmark
    public RouteMatch parametrisedRoute() {
        return dispatcher.lookup(method, host, paramPath);
    }

    @Benchmark
    public RouteMatch notFound() {
        return dispatcher.lookup(method, host, missingPath);
    }
}
