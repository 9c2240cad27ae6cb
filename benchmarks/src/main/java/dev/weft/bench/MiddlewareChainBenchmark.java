package dev.weft.bench;

import dev.weft.internal.http.NettyHeaders;
import dev.weft.internal.web.ConnectionInfo;
import dev.weft.internal.web.DefaultRequest;
import dev.weft.internal.web.Dispatcher;
import dev.weft.internal.web.RequestBody;
import dev.weft.internal.web.RequestHead;
import dev.weft.internal.web.RouteMatch;
import dev.weft.internal.web.RouteCompiler;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Handler;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.InetSocketAddress;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What middlewares cost a request: the compiled chain of a route (its handler wrapped in the application's
 * middlewares, as the server runs it) is called with one request, for 0, 1, 5 and 10 middlewares. Two kinds of
 * middleware: one that passes the request on ({@code next.handle(request)}), and one that also works on the response
 * ({@code .then(r -> r.header(...))}), as a logging or header middleware does. The difference between counts is
 * the cost of one middleware. Routing, the socket and encoding are not timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MiddlewareChainBenchmark {
    @Param({"0", "1", "5", "10"})
    public int middlewares;

    /** {@code pass}: {@code next.handle(request)}; {@code then}: the same plus a header on the response. */
    @Param({"pass", "then"})
    public String kind;

    private Loop loop;
    private Handler chain;
    private DefaultRequest request;

    @Setup
    public void setup() {
        loop = Loop.create(1);
        Application app = Application.create();
        for (int i = 0; i < middlewares; i++) {
            if (kind.equals("pass")) {
                app.use((req, next) -> next.handle(req));
            } else {
                app.use((req, next) -> next.handle(req).then(r -> r.header("X-Seen", "1")));
            }
        }
        app.routes().get("/user/{id}", req -> Response.text("user " + req.param("id")));
        app.freeze();
        Dispatcher dispatcher = RouteCompiler.compile(app);
        RouteMatch match = dispatcher.lookup("GET", "localhost", "/user/42");
        if (!(match instanceof RouteMatch.Found found)) {
            throw new IllegalStateException("no route: " + match);
        }
        chain = found.route().chain();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 18080);
        request = new DefaultRequest(new ConnectionInfo(address, address, "http", loop),
                RequestHead.of("GET", "/user/42", NettyHeaders.readOnly(new DefaultHttpHeaders()), "HTTP/1.1", true),
                RequestBody.empty(0), app);
        request.route(match);
        Reply r = call();
        if (!(r instanceof Response)) {
            throw new IllegalStateException("the chain should answer at once: " + r);
        }
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    public Reply call() {
        try {
            return chain.handle(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
