package dev.weft.bench.load;

import dev.weft.client.ClientSession;
import dev.weft.client.TcpConnector;
import dev.weft.loop.Loop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The HTTP client load of {@code benchmarks/run}: {@code --client weft} (Weft's {@link ClientSession} on a loop of one
 * thread, its connector limited to {@code --concurrency} connections) or {@code --client jdk} (the JDK's
 * {@link HttpClient}, HTTP/1.1, its default executor), {@code --concurrency} closed loops (64) of {@code GET --url}
 * (the whole body read each time) for a {@code --warmup} (2 s) and a measured {@code --duration} (6 s); one
 * {@link Round} line. The Vert.x WebClient does the same from its own project, {@code servers/vertx-client/} (its own
 * Netty on its own class path).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.weft.bench.load.HttpClientLoad --client weft \
 *     --url http://127.0.0.1:8080/plaintext
 * </pre>
 */
public final class HttpClientLoad {
    private HttpClientLoad() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String client = args.text("client", "weft");
        String url = args.text("url", "http://127.0.0.1:8080/plaintext");
        int concurrency = args.number("concurrency", 64);
        int warmup = args.number("warmup", 2);
        int duration = args.number("duration", 6);
        Round round = Round.of(args);
        switch (client) {
            case "weft" -> {
                try (Loop loop = Loop.create(1);
                     ClientSession weft = ClientSession.create(s -> s.connector(TcpConnector.create(
                             c -> c.loop(loop).limit(concurrency).limitPerHost(concurrency))))) {
                    ClosedLoops.run(() -> weft.get(url).thenCompose(r -> r.bytes().thenApply(body -> r.status())),
                            concurrency, round, warmup, duration);
                }
            }
            case "jdk" -> {
                HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
                ClosedLoops.run(() -> jdk.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                        .thenApply(HttpResponse::statusCode), concurrency, round, warmup, duration);
            }
            default -> throw new IllegalArgumentException("--client weft or jdk, not " + client);
        }
        System.exit(0); // the JDK client's threads are not daemons
    }
}
