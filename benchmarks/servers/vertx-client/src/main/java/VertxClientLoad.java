import dev.weft.bench.load.Args;
import dev.weft.bench.load.ClosedLoops;
import dev.weft.bench.load.Round;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/**
 * The Vert.x WebClient in the HTTP client load of benchmarks/run, as {@code dev.weft.bench.load.HttpClientLoad} runs
 * Weft's and the JDK's: one event loop, a pool of {@code --concurrency} HTTP/1.1 keep-alive connections,
 * {@code --concurrency} closed loops (64) of {@code GET --url} (the whole body read each time), a {@code --warmup}
 * (2 s) and a measured {@code --duration} (6 s); one line in the shape of load/wrk.lua's.
 *
 * <p>Run: {@code java -jar servers/vertx-client/target/client.jar --url http://127.0.0.1:8080/plaintext}.
 */
public final class VertxClientLoad {
    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        URI url = URI.create(args.text("url", "http://127.0.0.1:8080/plaintext"));
        int concurrency = args.number("concurrency", 64);
        Round round = Round.of(args);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(true));
        WebClientOptions options = new WebClientOptions();
        options.setKeepAlive(true).setTcpNoDelay(true).setPipelining(false);
        WebClient client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(concurrency));
        String host = url.getHost();
        int port = url.getPort();
        String path = url.getRawPath();
        ClosedLoops.run(() -> client.get(port, host, path).send().map(r -> r.statusCode()).toCompletionStage(),
                concurrency, round, args.number("warmup", 2), args.number("duration", 6));
        System.exit(0);
    }
}
