package dev.weft.test;

import dev.weft.client.ClientResponse;
import dev.weft.client.ClientSession;
import dev.weft.client.ClientWebSocket;
import dev.weft.client.RequestOptions;
import dev.weft.client.WsConnectOptions;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A {@link ClientSession} bound to a {@link TestServer}, as aiohttp's {@code TestClient}: requests take paths
 * relative to the server ({@code client.get("/users/7")}), and {@link #close()} closes every response still open,
 * the session and the server.
 *
 * <pre>{@code
 * try (Loop loop = Loop.create(1); TestClient client = TestClient.start(app, loop)) {
 *     ClientResponse res = client.get("/hello/ada").join();
 *     assertThat(res.text().toCompletableFuture().join()).isEqualTo("hello, ada");
 * }
 * }</pre>
 *
 * <p>The session runs on the loop given (by default the server's), the loop the test injects. Requests may be made
 * from any thread; their stages complete on that loop's thread, so a test thread may {@code join()} them, a handler
 * must not. Read or {@link ClientResponse#release() release} every response: {@link #unreleasedResponses()} names
 * those that were not, and the {@link WeftTest} extension fails a test that leaves one behind.
 */
public final class TestClient implements AutoCloseable {
    private final TestServer server;
    private final ClientSession session;
    private final Map<CompletableFuture<ClientResponse>, String> awaiting = new ConcurrentHashMap<>();
    private final Queue<Opened> webSockets = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private TestClient(TestServer server, ClientSession session) {
        this.server = server;
        this.session = session;
    }

    /** Starts {@code app} on a {@link TestServer} on {@code loop} and returns a client of it; closing closes both. */
    public static TestClient start(Application app, Loop loop) {
        return start(app, loop, TestTransport.TCP);
    }

    /** Starts {@code app} over {@code transport} (whose loop {@code loop} must suit) and returns a client of it. */
    public static TestClient start(Application app, Loop loop, TestTransport transport) {
        TestServer server = TestServer.start(app, loop, TestServer.testConfig(), transport);
        try {
            return create(server, loop);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** A client of {@code server} on the server's loop; closing it closes the server too. */
    public static TestClient create(TestServer server) {
        return create(server, server.loop());
    }

    /**
     * A client of {@code server} whose session runs on {@code loop}; closing it closes the server too. A server on
     * the in-memory transport needs {@code loop} to be a {@link TestTransport#MEMORY} loop as well.
     */
    public static TestClient create(TestServer server, Loop loop) {
        ClientSession session = ClientSession.create(s -> s.connector(server.transport().connector(server, loop))
                .baseUrl(server.url() + "/"));
        return new TestClient(server, session);
    }

    /** Sends {@code method} to {@code path} (relative to the server, such as {@code /a?b=1}) with {@code options}. */
    public CompletableFuture<ClientResponse> request(String method, String path, Consumer<RequestOptions> options) {
        CompletableFuture<ClientResponse> stage = session.request(method, path, options).toCompletableFuture();
        if (!stage.isDone()) {
            awaiting.put(stage, method + " " + path);
            stage.whenComplete((r, t) -> awaiting.remove(stage));
        }
        return stage;
    }

    /** Sends {@code method} to {@code path} without a body. */
    public CompletableFuture<ClientResponse> request(String method, String path) {
        return request(method, path, o -> { });
    }

    /** Opens a WebSocket to {@code path} on the server (such as {@code /ws}). */
    public CompletableFuture<ClientWebSocket> wsConnect(String path) {
        return wsConnect(path, o -> { });
    }

    /** Opens a WebSocket to {@code path} with {@code options}; the test must close it before it ends. */
    public CompletableFuture<ClientWebSocket> wsConnect(String path, Consumer<WsConnectOptions> options) {
        CompletableFuture<ClientWebSocket> stage = session.wsConnect(path, options).toCompletableFuture();
        stage.thenAccept(ws -> webSockets.add(new Opened(path, ws)));
        return stage;
    }

    /** The WebSockets this client opened that are not closed yet, each as its path. Any thread. */
    public List<String> openWebSockets() {
        return webSockets.stream().filter(o -> !o.ws().isClosed()).map(Opened::path).toList();
    }

    /** A GET of {@code path}. */
    public CompletableFuture<ClientResponse> get(String path) {
        return request("GET", path);
    }

    /** A GET of {@code path} with {@code options}. */
    public CompletableFuture<ClientResponse> get(String path, Consumer<RequestOptions> options) {
        return request("GET", path, options);
    }

    /** A POST of {@code path} without a body. */
    public CompletableFuture<ClientResponse> post(String path) {
        return request("POST", path);
    }

    /** A POST of {@code path} with {@code options} (the body, say). */
    public CompletableFuture<ClientResponse> post(String path, Consumer<RequestOptions> options) {
        return request("POST", path, options);
    }

    /** A PUT of {@code path} without a body. */
    public CompletableFuture<ClientResponse> put(String path) {
        return request("PUT", path);
    }

    /** A PUT of {@code path} with {@code options}. */
    public CompletableFuture<ClientResponse> put(String path, Consumer<RequestOptions> options) {
        return request("PUT", path, options);
    }

    /** A PATCH of {@code path} without a body. */
    public CompletableFuture<ClientResponse> patch(String path) {
        return request("PATCH", path);
    }

    /** A PATCH of {@code path} with {@code options}. */
    public CompletableFuture<ClientResponse> patch(String path, Consumer<RequestOptions> options) {
        return request("PATCH", path, options);
    }

    /** A DELETE of {@code path}. */
    public CompletableFuture<ClientResponse> delete(String path) {
        return request("DELETE", path);
    }

    /** A DELETE of {@code path} with {@code options}. */
    public CompletableFuture<ClientResponse> delete(String path, Consumer<RequestOptions> options) {
        return request("DELETE", path, options);
    }

    /** A HEAD of {@code path}. */
    public CompletableFuture<ClientResponse> head(String path) {
        return request("HEAD", path);
    }

    /** An OPTIONS of {@code path}. */
    public CompletableFuture<ClientResponse> options(String path) {
        return request("OPTIONS", path);
    }

    /** The absolute URL of {@code path} (which starts with {@code /}) on the server. */
    public URI makeUrl(String path) {
        return server.makeUrl(path);
    }

    /** The application served. */
    public Application app() {
        return server.app();
    }

    /** The server. */
    public TestServer server() {
        return server;
    }

    /** The session behind this client, for what the shortcuts here do not cover (its base URL is the server's). */
    public ClientSession session() {
        return session;
    }

    /** The loop the session runs on. */
    public Loop loop() {
        return session.loop();
    }

    /**
     * The responses this client received that are neither read to the end nor released, each as its request
     * ({@code GET http://127.0.0.1:4711/users (200)}). Any thread.
     */
    public List<String> unreleasedResponses() {
        return session.unreleasedResponses();
    }

    /** The requests sent whose response head has not arrived yet, each as {@code GET /path}. Any thread. */
    public List<String> requestsAwaitingResponse() {
        return List.copyOf(awaiting.values());
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Releases every response still open (logging each), closes the session, then the server (its shutdown and
     * cleanup signals run; handlers still running are cancelled). Idempotent. Call from the test's thread: it waits
     * for the server to stop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Opened o : webSockets) {
                if (!o.ws().isClosed()) {
                    o.ws().close(dev.weft.http.ws.WsCloseCode.GOING_AWAY, "test client closed");
                }
            }
            session.close();
        } finally {
            server.close();
        }
    }

    /** A WebSocket this client opened, and where to. */
    private record Opened(String path, ClientWebSocket ws) {
    }

    @Override
    public String toString() {
        return "TestClient[" + server.url() + "]";
    }
}
