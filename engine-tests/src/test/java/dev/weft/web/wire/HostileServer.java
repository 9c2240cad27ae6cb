package dev.weft.web.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import dev.weft.web.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on a loopback port for hostile-input tests, started by the test harness (so it is closed, and checked
 * for leaks, at the end of each test), with a few routes that make misbehaviour visible:
 * {@code GET /} answers "ok"; {@code POST /echo} echoes its body; {@code GET /header/{name}} echoes a request header
 * (or "absent"); {@code PURGE /purge} is a route with a non-standard method; {@code /smuggled} counts its calls, so a
 * request hidden in a body shows up; {@code POST /small/echo} lives in a sub-application whose body limit is
 * {@value #SMALL_LIMIT} bytes.
 */
final class HostileServer {
    static final int SMALL_LIMIT = 16;

    private final TestServer server;
    private final AtomicInteger smuggled = new AtomicInteger();

    private HostileServer(TestServers servers, ServerConfig config) {
        Application app = Application.create();
        app.routes()
                .get("/", r -> Response.text("ok"))
                .post("/echo", r -> Reply.async(r.bytes().thenApply(b -> Response.text(
                        new String(b, StandardCharsets.UTF_8)))))
                .get("/header/{name}", r -> {
                    String v = r.header(r.param("name"));
                    return Response.text(v == null ? "absent" : v);
                })
                .post("/header/{name}", r -> Reply.async(r.bytes().thenApply(b -> {
                    String v = r.header(r.param("name"));
                    return Response.text((v == null ? "absent" : v) + "|" + new String(b, StandardCharsets.UTF_8));
                })))
                .route("PURGE", "/purge", r -> Response.text("purged"))
                .route("*", "/smuggled", r -> {
                    smuggled.incrementAndGet();
                    return Response.text("smuggled");
                });
        Application small = Application.create().clientMaxSize(SMALL_LIMIT);
        small.routes().post("/echo", r -> Reply.async(r.bytes().thenApply(b -> Response.text(
                new String(b, StandardCharsets.UTF_8)))));
        app.addSubapp("/small", small);
        server = servers.start(app, config);
    }

    /** Serves the routes with the harness's {@link TestServer#testConfig() test config}. */
    static HostileServer start(TestServers servers) {
        return new HostileServer(servers, TestServer.testConfig());
    }

    /** Serves the routes with {@code config} (the test config changed, say). */
    static HostileServer start(TestServers servers, ServerConfig config) {
        return new HostileServer(servers, config);
    }

    RawHttp connect() throws IOException {
        return RawHttp.connect(server.port());
    }

    /** Sends {@code request} on a new connection and reads one response. */
    RawHttp.Reply exchange(String request) throws IOException {
        try (RawHttp c = connect()) {
            return c.send(request).read();
        }
    }

    /** How many requests reached {@code /smuggled}. */
    int smuggledCalls() {
        return smuggled.get();
    }

    /** Asserts that a normal request on a new connection is still answered. */
    void assertStillServing() throws IOException {
        RawHttp.Reply r = exchange("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(r.status()).as("a normal request after the hostile one").isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    /**
     * Sends {@code request} on a new connection and checks the refusal: the status, {@code Connection: close}, the
     * close itself, no stack trace in the body, and that the server still serves a new connection afterwards.
     */
    RawHttp.Reply assertRefused(String request, int status) throws IOException {
        RawHttp.Reply reply;
        try (RawHttp c = connect()) {
            reply = c.send(request).read();
            assertThat(reply.status()).as(reply.statusLine()).isEqualTo(status);
            assertThat(reply.announcesClose())
                    .as("Connection: close on the refusal").isTrue();
            assertThat(c.closedByServer())
                    .as("the connection is closed after the refusal").isTrue();
        }
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertStillServing();
        return reply;
    }
}
