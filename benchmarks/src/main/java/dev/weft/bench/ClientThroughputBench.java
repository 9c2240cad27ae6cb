package dev.weft.bench;

import dev.weft.client.ClientSession;
import dev.weft.client.TcpConnector;
import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.Response;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Requests per second of Weft's HTTP client against the JDK's {@link HttpClient}, on the same Weft server in one
 * run: a {@code GET /hello} answered with 13 bytes of text over keep-alive HTTP/1.1 on loopback. Each client runs
 * {@code C} closed loops (default 64: a request, its whole body, the next request) for the measured period, after a
 * warm-up; the rounds alternate (Weft, JDK, Weft, JDK, ...) so that both see the same JIT and machine state, and the
 * best round of each is reported with the ratio Weft/JDK. The server has its own loop (2 threads); the Weft client
 * has one loop thread (one connector is pinned to one event loop); the JDK client uses its default executor. Not a
 * test: nothing asserts; it prints the numbers.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -ntp -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.weft.bench.ClientThroughputBench [concurrency] [seconds] [rounds]
 * </pre>
 * Defaults: 64 concurrent loops, 5 s per round, 3 rounds per client, plus one 3 s warm-up round of each.
 */
public final class ClientThroughputBench {
    private static final int DEFAULT_CONCURRENCY = 64;
    private static final int DEFAULT_SECONDS = 5;
    private static final int DEFAULT_ROUNDS = 3;
    private static final int WARMUP_SECONDS = 3;
    private static final String BODY = "Hello, World!";

    private ClientThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CONCURRENCY;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS;
        Application app = Application.create();
        app.routes().get("/hello", req -> Response.text(BODY));
        try (Loop serverLoop = Loop.create(2);
             AppRunner runner = AppRunner.create(app, ServerConfig.create(c -> c.accessLog(AccessLog.off())),
                     serverLoop);
             Loop clientLoop = Loop.create(1)) {
            BoundSite site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            String url = "http://127.0.0.1:" + site.port() + "/hello";
            TcpConnector connector = TcpConnector.create(c -> c.loop(clientLoop).limit(concurrency)
                    .limitPerHost(concurrency));
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
            try (ClientSession weft = ClientSession.create(s -> s.connector(connector))) {
                Supplier<CompletionStage<?>> weftCall = () -> weft.get(url).thenCompose(r -> r.bytes());
                Supplier<CompletionStage<?>> jdkCall = () -> jdk.sendAsync(request,
                        HttpResponse.BodyHandlers.ofByteArray());
                System.out.printf("warm-up: weft %.0f req/s, jdk %.0f req/s%n",
                        run(weftCall, concurrency, WARMUP_SECONDS), run(jdkCall, concurrency, WARMUP_SECONDS));
                double bestWeft = 0;
                double bestJdk = 0;
                for (int i = 1; i <= rounds; i++) {
                    double w = run(weftCall, concurrency, seconds);
                    double j = run(jdkCall, concurrency, seconds);
                    System.out.printf("round %d: weft %.0f req/s, jdk %.0f req/s%n", i, w, j);
                    bestWeft = Math.max(bestWeft, w);
                    bestJdk = Math.max(bestJdk, j);
                }
                System.out.printf("best of %d rounds, %d concurrent, %d s each: weft %.0f req/s, jdk %.0f req/s,"
                        + " weft/jdk = %.2f%n", rounds, concurrency, seconds, bestWeft, bestJdk, bestWeft / bestJdk);
            }
        }
    }

    /** Runs {@code concurrency} closed loops of {@code call} for {@code seconds}; returns completed requests/s. */
    private static double run(Supplier<CompletionStage<?>> call, int concurrency, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            loops.add(finished);
            next(call, deadline, done, finished);
        }
        CompletableFuture.allOf(loops.toArray(new CompletableFuture<?>[0])).get(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return done.get() / elapsed;
    }

    private static void next(Supplier<CompletionStage<?>> call, long deadline, AtomicLong done,
                             CompletableFuture<Void> finished) {
        if (System.nanoTime() - deadline >= 0) {
            finished.complete(null);
            return;
        }
        call.get().whenComplete((r, e) -> {
            if (e != null) {
                finished.completeExceptionally(e);
                return;
            }
            done.incrementAndGet();
            next(call, deadline, done, finished);
        });
    }
}
