package dev.weft.client;

import static dev.weft.client.ClientTesting.localhost;
import static dev.weft.client.ClientTesting.url;
import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects (method rewriting, credentials across origins, limits) and each kind of timeout. The timeout tests take a
 * {@link ManualClock}: their loop's time passes only when they advance it, so a timeout is seen to fire without
 * waiting for it.
 */
@WeftTest
class RedirectsAndTimeoutsTest {
    private Loop loop;
    private TestServer server;
    private ClientSession session;
    /** Completes when {@code /hang}, which never answers, has received its request. */
    private final CompletableFuture<Void> hanging = new CompletableFuture<>();

    static Application app() {
        Application app = Application.create();
        app.routes()
                .route("*", "/to/{status}", req -> Response.redirect(
                        req.query().get("next", "/seen"), Integer.parseInt(req.param("status"))))
                .route("*", "/seen", req -> Reply.async(req.text().thenApply(body -> Response.text(req.method()
                        + " body=" + body + " auth=" + req.headers().get("Authorization", "-")
                        + " cookie=" + req.headers().get("Cookie", "-")))))
                .get("/loop", req -> Response.redirect("/loop"))
                .get("/never", req -> Reply.async(new CompletableFuture<>()))
                .get("/trickle", req -> Response.bytes(new byte[10], "application/octet-stream"));
        return app;
    }

    @BeforeEach
    void openSession(Loop loop, TestServers servers) {
        this.loop = loop;
        Application app = app();
        app.routes().get("/hang", req -> {
            hanging.complete(null);
            return Reply.async(new CompletableFuture<>());
        });
        server = servers.start(app);
        session = ClientSession.create(s -> s.loop(loop));
    }

    /** Closes the session, and waits for the server to see the requests it never answered go. */
    @AfterEach
    void closeSession() {
        session.close();
    }

    private String post(String path) {
        ClientResponse r = await(session.post(url(server, path), o -> o.text("payload")));
        return await(r.text());
    }

    @Test
    void redirects_301_302_and_303_turn_a_post_into_a_get_without_body() {
        assertThat(post("/to/301")).startsWith("GET body= ");
        assertThat(post("/to/302")).startsWith("GET body= ");
        assertThat(post("/to/303")).startsWith("GET body= ");
    }

    @Test
    void redirects_307_and_308_keep_the_method_and_the_body() {
        assertThat(post("/to/307")).startsWith("POST body=payload ");
        assertThat(post("/to/308")).startsWith("POST body=payload ");
    }

    @Test
    void a_redirected_response_keeps_its_history_and_final_url() {
        ClientResponse r = await(session.get(url(server, "/to/302")));
        assertThat(r.url().getPath()).isEqualTo("/seen");
        assertThat(r.history()).hasSize(1);
        assertThat(r.history().get(0).status()).isEqualTo(302);
        r.release();
    }

    @Test
    void redirects_are_not_followed_when_not_allowed() {
        ClientResponse r = await(session.get(url(server, "/to/302"), o -> o.allowRedirects(false)));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/seen");
        r.release();
    }

    @Test
    void too_many_redirects_fail_the_request() {
        Throwable e = failure(session.get(url(server, "/loop"), o -> o.maxRedirects(3)));
        assertThat(e).isInstanceOf(TooManyRedirectsException.class).hasMessageContaining("more than 3 redirects");
    }

    @Test
    void authorization_and_request_cookies_survive_a_redirect_to_the_same_origin() {
        ClientResponse r = await(session.get(url(server, "/to/302"), o -> o.auth(new BasicAuth("ada", "pw"))
                .cookie("c", "1")));
        assertThat(await(r.text())).contains("auth=Basic YWRhOnB3", "cookie=c=1");
    }

    @Test
    void authorization_and_request_cookies_are_dropped_on_a_redirect_to_another_origin() {
        String elsewhere = localhost(server, "/seen"); // localhost is another origin than 127.0.0.1
        ClientResponse r = await(session.get(url(server, "/to/302?next=" + elsewhere),
                o -> o.header("Authorization", "Bearer secret").cookie("c", "1")));
        assertThat(r.url().getHost()).isEqualTo("localhost");
        assertThat(await(r.text())).contains("auth=-", "cookie=-");
    }

    @Test
    void session_credentials_are_dropped_on_a_redirect_to_another_origin() {
        try (ClientSession authed = ClientSession.create(s -> s.loop(loop).auth(new BasicAuth("ada", "pw")))) {
            String elsewhere = localhost(server, "/seen");
            ClientResponse r = await(authed.get(url(server, "/to/307?next=" + elsewhere)));
            assertThat(await(r.text())).contains("auth=-");
        }
    }

    @Test
    void the_total_timeout_fails_a_request_the_server_never_answers(ManualClock clock) {
        var response = session.get(url(server, "/hang"), o -> o.timeout(ClientTimeout.ofTotal(Duration.ofSeconds(30))));
        clock.advance(Duration.ofSeconds(30));
        Throwable e = failure(response);
        assertThat(e).isInstanceOf(ClientTimeoutException.class).hasMessageContaining("total timeout");
        assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.TOTAL);
    }

    @Test
    void the_total_timeout_fails_a_request_on_a_pooled_connection_to_the_nanosecond(ManualClock clock) {
        await(await(session.get(url(server, "/seen"))).text()); // the connection is pooled, and reused below
        clock.advance(Duration.ofSeconds(10));
        var response = session.get(url(server, "/hang"), o -> o.timeout(ClientTimeout.ofTotal(Duration.ofSeconds(30))));
        await(hanging);
        clock.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThat(response.toCompletableFuture()).as("a nanosecond early").isNotDone();
        clock.advance(Duration.ofNanos(1));
        Throwable e = failure(response);
        assertThat(e).isInstanceOf(ClientTimeoutException.class);
        assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.TOTAL);
    }

    @Test
    void the_total_timeout_fails_a_body_that_stops_arriving(ManualClock clock) throws Exception {
        try (RawServer raw = new RawServer((s, i) -> {
            RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
            s.getInputStream().read(); // and then nothing until the client gives up
        })) {
            ClientResponse r = await(session.get(raw.url("/"),
                    o -> o.timeout(ClientTimeout.ofTotal(Duration.ofSeconds(30)))));
            var body = r.bytes();
            clock.advance(Duration.ofSeconds(30));
            Throwable e = failure(body);
            assertThat(e).isInstanceOf(ClientTimeoutException.class);
            assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.TOTAL);
        }
    }

    @Test
    void the_socket_read_timeout_fails_a_request_the_server_never_answers(ManualClock clock) {
        var response = session.get(url(server, "/hang"),
                o -> o.timeout(ClientTimeout.NONE.withSockRead(Duration.ofSeconds(5))));
        await(hanging); // the request is out, so the client is reading
        clock.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(response.toCompletableFuture()).as("a nanosecond early").isNotDone();
        clock.advance(Duration.ofNanos(1));
        Throwable e = failure(response);
        assertThat(e).isInstanceOf(ClientTimeoutException.class);
        assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.SOCK_READ);
    }

    @Test
    void the_socket_read_timeout_fails_a_body_that_stops_arriving(ManualClock clock) throws Exception {
        try (RawServer raw = new RawServer((s, i) -> {
            RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
            s.getInputStream().read(); // and then nothing until the client gives up
        })) {
            ClientResponse r = await(session.get(raw.url("/"),
                    o -> o.timeout(ClientTimeout.NONE.withSockRead(Duration.ofSeconds(5)))));
            var body = r.bytes();
            clock.advance(Duration.ofSeconds(5));
            Throwable e = failure(body);
            assertThat(e).isInstanceOf(ClientTimeoutException.class);
            assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.SOCK_READ);
        }
    }

    @Test
    void the_connect_timeout_covers_waiting_for_a_connection_from_a_full_pool(ManualClock clock) {
        try (ClientSession one = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                .limit(1))))) {
            var hanging = one.get(url(server, "/hang"));
            await(this.hanging); // it holds the pool's one connection
            var waiting = one.get(url(server, "/seen"),
                    o -> o.timeout(ClientTimeout.NONE.withConnect(Duration.ofSeconds(10))));
            clock.advance(Duration.ofSeconds(10));
            Throwable e = failure(waiting);
            assertThat(e).isInstanceOf(ClientTimeoutException.class).hasMessageContaining("connect timeout");
            assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.CONNECT);
            assertThat(hanging.toCompletableFuture().isDone()).isFalse();
        }
    }

    @Test
    void the_connect_timeout_covers_a_tls_handshake_that_never_answers(ManualClock clock) throws Exception {
        try (RawServer raw = new RawServer((s, i) -> s.getInputStream().read(new byte[65536]))) {
            var response = session.get("https://127.0.0.1:" + raw.port() + "/",
                    o -> o.timeout(ClientTimeout.NONE.withConnect(Duration.ofSeconds(10))));
            clock.advance(Duration.ofSeconds(10));
            Throwable e = failure(response);
            assertThat(e).isInstanceOf(ClientTimeoutException.class);
            assertThat(((ClientTimeoutException) e).kind()).isEqualTo(ClientTimeoutException.Kind.CONNECT);
        }
    }
}
