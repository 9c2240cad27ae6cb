package dev.weft.bench;

import dev.weft.bench.servers.NettyServer;
import dev.weft.client.ClientSession;
import dev.weft.client.TcpConnector;
import dev.weft.loop.Loop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one request of Weft's HTTP client costs the client: {@code GET /plaintext} (13 bytes of text) over keep-alive
 * HTTP/1.1 on loopback, the whole body read, against raw Netty ({@link NettyServer}) started in a <em>separate</em>
 * process, so that {@code -prof gc}'s {@code gc.alloc.rate.norm} is the client's allocation per request alone.
 * {@code closedLoops}: {@value #LOOPS} closed loops on the client's one loop thread (a request, its body, the next),
 * as {@code load/HttpClientLoad} runs them, {@value #REQUESTS} requests per invocation; {@code oneAtATime}: a request
 * from the benchmark thread, waited for. The time per operation is loopback-bound and shared with the server
 * process; the allocation per operation does not depend on the machine.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ClientRequestBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClientRequestBenchmark {
    static final int LOOPS = 64;
    static final int REQUESTS = 4096;

    private Process server;
    private Loop loop;
    private ClientSession session;
    private String url;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NettyServer.class.getName(), String.valueOf(port)).inheritIO().start();
        awaitPort(port);
        url = "http://127.0.0.1:" + port + "/plaintext";
        loop = Loop.create(1);
        session = ClientSession.create(s -> s.connector(TcpConnector.create(
                c -> c.loop(loop).limit(LOOPS).limitPerHost(LOOPS))));
    }

    private static void awaitPort(int port) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(50); // a separate process starting up: nothing to wait on but its port
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        session.close();
        loop.close();
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public byte[] oneAtATime() {
        return session.get(url).thenCompose(r -> r.bytes()).toCompletableFuture().join();
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public int closedLoops() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        CompletableFuture<Integer> all = new CompletableFuture<>();
        for (int i = 0; i < LOOPS; i++) {
            next(started, finished, all);
        }
        return all.join();
    }

    private void next(AtomicInteger started, AtomicInteger finished, CompletableFuture<Integer> all) {
        if (started.getAndIncrement() >= REQUESTS) {
            return;
        }
        session.get(url).thenCompose(r -> r.bytes()).whenComplete((body, e) -> {
            if (e != null) {
                all.completeExceptionally(e);
                return;
            }
            if (finished.incrementAndGet() == REQUESTS) {
                all.complete(body.length);
            } else {
                next(started, finished, all);
            }
        });
    }
}
