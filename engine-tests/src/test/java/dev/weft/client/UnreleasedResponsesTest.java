package dev.weft.client;

import static dev.weft.client.ClientTesting.url;
import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Responses neither read nor released are found, named, and released by close(). The server goes on writing a body
 * nobody reads until the client's connection closes: each test waits for it to notice before it ends.
 */
@WeftTest
class UnreleasedResponsesTest {

    @Test
    void an_unread_response_is_listed_by_request_and_released_when_the_session_closes(Loop loop,
                                                                                       TestServers servers) {
        Application app = Application.create();
        app.routes().get("/big", req -> Response.bytes(new byte[2_000_000], "application/octet-stream"))
                .get("/empty", req -> Response.empty(204))
                .get("/small", req -> Response.text("small"));
        TestServer server = servers.start(app);
        ClientSession session = ClientSession.create(s -> s.loop(loop));
        ClientResponse big = await(session.get(url(server, "/big")));
        await(session.get(url(server, "/empty")));
        ClientResponse read = await(session.get(url(server, "/small")));
        await(read.text());
        assertThat(session.unreleasedResponses())
                .containsExactly("GET " + url(server, "/big") + " (200)");
        session.close();
        assertThat(big.isReleased()).isTrue();
        assertThat(session.unreleasedResponses()).isEmpty();
    }

    @Test
    void a_garbage_collected_unread_response_is_reported_and_its_connection_closed(Loop loop, TestServers servers) {
        Application app = Application.create();
        app.routes().get("/big", req -> Response.bytes(new byte[4_000_000], "application/octet-stream"));
        TestServer server = servers.start(app);
        try (ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            requestAndForget(session, url(server, "/big"));
            assertThat(session.unreleasedResponses()).hasSize(1);
            CompletableFuture<Void> gone = new CompletableFuture<>();
            watch(loop, session, gone, 500);
            await(gone);
            assertThat(session.connector().openConnections()).isZero();
        }
    }

    @Test
    void a_response_whose_body_is_being_read_is_not_released_when_it_is_collected(Loop loop) throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (RawServer raw = new RawServer((socket, i) -> {
                 RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234");
                 go.await();
                 RawServer.write(socket, "56789");
             });
             ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            AtomicReference<WeakReference<ClientResponse>> ref = new AtomicReference<>();
            CompletableFuture<byte[]> body = session.get(raw.url("/")).thenCompose(r -> {
                ref.set(new WeakReference<>(r));
                return r.bytes(); // the stage is all that is kept
            }).toCompletableFuture();
            CompletableFuture<Void> collected = new CompletableFuture<>();
            collectLater(loop, ref, collected, 500);
            await(collected);
            go.countDown();
            assertThat(new String(await(body), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        }
    }

    private static void collectLater(Loop loop,
                                     AtomicReference<WeakReference<ClientResponse>> ref,
                                     CompletableFuture<Void> collected, int triesLeft) {
        System.gc();
        var weak = ref.get();
        if (weak != null && weak.get() == null) {
            loop.schedule(Duration.ofMillis(50), () -> collected.complete(null)); // let the Cleaner act, if it would
        } else if (triesLeft == 0) {
            collected.completeExceptionally(new AssertionError("the response was never collected"));
        } else {
            loop.schedule(Duration.ofMillis(10), () -> collectLater(loop, ref, collected, triesLeft - 1));
        }
    }

    /** Sends a request whose body is too big to arrive at once, and drops the response unread. */
    private static void requestAndForget(ClientSession session, String url) {
        ClientResponse r = await(session.get(url));
        assertThat(r.status()).isEqualTo(200);
    }

    /** Asks for a collection every few milliseconds (a loop timer) until the session has no unreleased response. */
    private static void watch(Loop loop, ClientSession session, CompletableFuture<Void> gone, int triesLeft) {
        System.gc();
        if (session.unreleasedResponses().isEmpty()) {
            gone.complete(null);
        } else if (triesLeft == 0) {
            gone.completeExceptionally(new AssertionError("the response was never collected"));
        } else {
            loop.schedule(Duration.ofMillis(10), () -> watch(loop, session, gone, triesLeft - 1));
        }
    }

    @Test
    void a_released_response_frees_its_connection_for_the_next_request(Loop loop, TestServers servers) {
        Application app = Application.create();
        app.routes().get("/big", req -> Response.bytes(new byte[2_000_000], "application/octet-stream"));
        TestServer server = servers.start(app);
        try (ClientSession session = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                .limit(1))))) {
            for (int i = 0; i < 3; i++) {
                ClientResponse r = await(session.get(url(server, "/big")));
                r.release(); // before the body arrived: the connection is closed, its place freed
            }
            assertThat(await(await(session.get(url(server, "/big"))).bytes())).hasSize(2_000_000);
        }
    }
}
