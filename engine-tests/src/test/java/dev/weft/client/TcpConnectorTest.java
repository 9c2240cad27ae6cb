package dev.weft.client;

import static dev.weft.client.ClientTesting.localhost;
import static dev.weft.client.ClientTesting.url;
import static dev.weft.test.Await.await;
import static dev.weft.test.Await.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.loop.ManualClock;
import dev.weft.test.Await;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool: reuse, limits, local address, sharing between sessions, retry on a connection the server closed. */
@WeftTest
class TcpConnectorTest {
    private Loop loop;
    private TestServers servers;
    private final List<TraceEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void useTheTestsLoop(Loop loop, TestServers servers) {
        this.loop = loop;
        this.servers = servers;
    }

    private long count(Class<? extends TraceEvent> kind) {
        return events.stream().filter(kind::isInstance).count();
    }

    /** A server whose /slow answers after a short loop timer, counting requests in progress at once. */
    private static final class Gauge {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        Application app() {
            Application app = Application.create();
            app.routes().get("/slow", req -> {
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                CompletableFuture<Response> later = new CompletableFuture<>();
                req.loop().schedule(Duration.ofMillis(20), () -> {
                    now.decrementAndGet();
                    later.complete(Response.text("done"));
                });
                return Reply.async(later);
            }).get("/remote", req -> Response.text(String.valueOf(req.remote())));
            return app;
        }
    }

    @Test
    void one_hundred_sequential_requests_use_one_connection() {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add))) {
            for (int i = 0; i < 100; i++) {
                assertThat(await(await(session.get(url(server, "/remote"))).text())).isEqualTo("127.0.0.1");
            }
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(1);
            assertThat(count(TraceEvent.ConnectionReuse.class)).isEqualTo(99);
            assertThat(count(TraceEvent.RequestStart.class)).isEqualTo(100);
            assertThat(count(TraceEvent.RequestEnd.class)).isEqualTo(100);
            assertThat(session.connector().idleConnections()).isEqualTo(1);
        }
    }

    @Test
    void the_total_limit_holds_under_fifty_concurrent_requests() {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).limit(5))))) {
            List<CompletionStage<String>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(session.get(url(server, "/slow")).thenCompose(ClientResponse::text));
            }
            for (CompletionStage<String> c : calls) {
                assertThat(await(c)).isEqualTo("done");
            }
            assertThat(gauge.max.get()).isEqualTo(5);
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(5);
            assertThat(count(TraceEvent.ConnectionQueued.class)).isEqualTo(45);
        }
    }

    @Test
    void the_per_host_limit_holds_for_each_host_under_fifty_concurrent_requests() {
        Gauge a = new Gauge();
        Gauge b = new Gauge();
        TestServer serverA = servers.start(a.app());
        TestServer serverB = servers.start(b.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).limitPerHost(2))))) {
            List<CompletionStage<String>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TestServer target = i % 2 == 0 ? serverA : serverB;
                calls.add(session.get(url(target, "/slow")).thenCompose(ClientResponse::text));
            }
            for (CompletionStage<String> c : calls) {
                assertThat(await(c)).isEqualTo("done");
            }
            assertThat(a.max.get()).isEqualTo(2);
            assertThat(b.max.get()).isEqualTo(2);
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(4);
        }
    }

    @Test
    void a_local_address_is_what_the_server_sees_as_the_remote_address() {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop)
                .connector(TcpConnector.create(c -> c.loop(loop).localAddress("127.0.0.2"))))) {
            assertThat(await(await(session.get(url(server, "/remote"))).text())).isEqualTo("127.0.0.2");
        }
    }

    @Test
    void sessions_sharing_a_connector_share_connections_but_not_cookies() {
        Application app = Application.create();
        app.routes()
                .get("/set/{v}", req -> Response.text("set")
                        .cookie(dev.weft.http.Cookie.of("who", req.param("v")).withPath("/")))
                .get("/who", req -> Response.text(req.cookies().getOrDefault("who", "nobody")));
        TestServer server = servers.start(app);
        try (TcpConnector shared = TcpConnector.create(c -> c.loop(loop))) {
            ClientSession ada = ClientSession.create(s -> s.connector(shared).connectorOwner(false)
                    .trace(events::add));
            ClientSession bob = ClientSession.create(s -> s.connector(shared).connectorOwner(false)
                    .trace(events::add));
            await(await(ada.get(localhost(server, "/set/ada"))).text());
            await(await(bob.get(localhost(server, "/set/bob"))).text());
            assertThat(await(await(ada.get(localhost(server, "/who"))).text())).isEqualTo("ada");
            assertThat(await(await(bob.get(localhost(server, "/who"))).text())).isEqualTo("bob");
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(1);

            ada.close();
            assertThat(shared.isClosed()).isFalse();
            assertThat(await(await(bob.get(localhost(server, "/who"))).text())).isEqualTo("bob");
            assertThat(failure(ada.get(localhost(server, "/who")))).isInstanceOf(ClientException.class);
            bob.close();
            assertThat(shared.isClosed()).isFalse();
            shared.close();
            assertThat(shared.isClosed()).isTrue();
        }
    }

    @Test
    void an_idempotent_request_is_retried_once_when_the_server_closed_the_pooled_connection() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> closesAfterFirstResponse(socket, index));
             ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add))) {
            assertThat(await(await(session.get(raw.url("/a"))).text())).isEqualTo("first");
            assertThat(await(await(session.get(raw.url("/b"))).text())).isEqualTo("fresh");
            assertThat(raw.accepted()).isEqualTo(2);
            assertThat(count(TraceEvent.ConnectionReuse.class)).isEqualTo(1);
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(2);
        }
    }

    @Test
    void a_post_is_not_retried_when_the_server_closed_the_pooled_connection() throws Exception {
        try (RawServer raw = new RawServer((socket, index) -> closesAfterFirstResponse(socket, index));
             ClientSession session = ClientSession.create(s -> s.loop(loop))) {
            assertThat(await(await(session.get(raw.url("/a"))).text())).isEqualTo("first");
            Throwable e = failure(session.post(raw.url("/b"), o -> o.text("once")));
            assertThat(e).isInstanceOf(ClientConnectionException.class).hasMessageContaining("closed the connection");
            assertThat(raw.accepted()).isEqualTo(1);
        }
    }

    /**
     * Connection 0 answers one request with keep-alive, then reads the next request and closes without a word: the
     * race of a server closing an idle connection just as the client reuses it. Later connections answer "fresh".
     */
    private void closesAfterFirstResponse(Socket socket, int index) throws Exception {
        if (index == 0) {
            readHead(socket);
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
            readHead(socket);
            socket.close();
        } else {
            readHead(socket);
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nfresh");
            socket.close();
        }
    }

    private static void readHead(Socket s) throws Exception {
        var in = s.getInputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
    }

    @Test
    void callers_waiting_for_a_connection_are_served_first_come_first_served() {
        List<String> order = new CopyOnWriteArrayList<>();
        Application app = Application.create();
        app.routes().get("/n/{i}", req -> {
            order.add(req.param("i"));
            return Response.text(req.param("i"));
        });
        TestServer server = servers.start(app);
        try (ClientSession session = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                     .limit(1))))) {
            List<CompletionStage<String>> calls = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(session.get(url(server, "/n/" + i)).thenCompose(ClientResponse::text));
                expected.add(String.valueOf(i));
            }
            for (CompletionStage<String> c : calls) {
                await(c);
            }
            assertThat(order).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void an_idle_connection_is_dropped_after_the_keepalive_timeout(ManualClock clock) {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).keepaliveTimeout(Duration.ofSeconds(15)))))) {
            await(await(session.get(url(server, "/remote"))).text());
            assertThat(session.connector().idleConnections()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(15).minusNanos(1));
            assertThat(session.connector().idleConnections()).as("a nanosecond early").isEqualTo(1);
            clock.advance(Duration.ofNanos(1));
            assertThat(session.connector().idleConnections()).isZero();
            assertThat(session.connector().openConnections()).isZero();
            await(await(session.get(url(server, "/remote"))).text());
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(2);
        }
    }

    @Test
    void an_idle_connection_expires_a_keepalive_timeout_after_its_last_request_not_its_first(ManualClock clock) {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).keepaliveTimeout(Duration.ofSeconds(15)))))) {
            await(await(session.get(url(server, "/remote"))).text());
            clock.advance(Duration.ofSeconds(10));
            await(await(session.get(url(server, "/remote"))).text()); // the same connection, idle again from here
            clock.advance(Duration.ofSeconds(15).minusNanos(1));
            assertThat(session.connector().idleConnections()).as("a nanosecond early").isEqualTo(1);
            clock.advance(Duration.ofNanos(1));
            assertThat(session.connector().idleConnections()).isZero();
            assertThat(session.connector().openConnections()).isZero();
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(1);
        }
    }

    @Test
    void a_pooled_connection_the_server_closed_is_noticed_and_dropped(ManualClock clock) {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app(),
                TestServer.testConfig().toBuilder().keepAliveTimeout(Duration.ofSeconds(5)).build());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add))) {
            await(await(session.get(url(server, "/remote"))).text());
            assertThat(session.connector().openConnections()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(5)); // the server closes it at its keep-alive timeout
            awaitNoConnections(session.connector());
            await(await(session.get(url(server, "/remote"))).text());
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(2);
            assertThat(count(TraceEvent.ConnectionReuse.class)).isZero();
            assertThat(count(TraceEvent.RequestStart.class)).isEqualTo(2); // no retry was needed
        }
    }

    /**
     * Waits until the connector has seen its connections closed: when the server's FIN reaches the client's socket is
     * the kernel's business, not the loop clock's, so this asks the connector (a task on its loop each time) until it
     * has none, for at most {@link Await#TIMEOUT}.
     */
    private static void awaitNoConnections(TcpConnector connector) {
        long giveUp = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (connector.openConnections() > 0) {
            if (System.nanoTime() - giveUp > 0) {
                throw new AssertionError("the server's close was never noticed");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void force_close_opens_a_connection_per_request() {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).forceClose(true))))) {
            for (int i = 0; i < 3; i++) {
                await(await(session.get(url(server, "/remote"))).text());
            }
            assertThat(count(TraceEvent.ConnectionCreate.class)).isEqualTo(3);
            assertThat(count(TraceEvent.ConnectionReuse.class)).isZero();
        }
    }

    @Test
    void a_dns_answer_is_not_used_after_its_ttl() {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).forceClose(true).dnsCacheTtl(Duration.ZERO))))) {
            await(await(session.get(localhost(server, "/remote"))).text());
            await(await(session.get(localhost(server, "/remote"))).text());
            assertThat(events).filteredOn(e -> e instanceof TraceEvent.DnsResolve)
                    .extracting(e -> ((TraceEvent.DnsResolve) e).fromCache()).containsExactly(false, false);
        }
    }

    @Test
    void host_names_are_resolved_once_and_then_served_from_the_dns_cache() {
        Gauge gauge = new Gauge();
        TestServer server = servers.start(gauge.app());
        try (ClientSession session = ClientSession.create(s -> s.loop(loop).trace(events::add)
                .connector(TcpConnector.create(c -> c.loop(loop).forceClose(true))))) {
            await(await(session.get(localhost(server, "/remote"))).text());
            await(await(session.get(localhost(server, "/remote"))).text());
            List<TraceEvent.DnsResolve> dns = events.stream().filter(e -> e instanceof TraceEvent.DnsResolve)
                    .map(e -> (TraceEvent.DnsResolve) e).toList();
            assertThat(dns).hasSize(2);
            assertThat(dns.get(0).fromCache()).isFalse();
            assertThat(dns.get(1).fromCache()).isTrue();
        }
    }
}
