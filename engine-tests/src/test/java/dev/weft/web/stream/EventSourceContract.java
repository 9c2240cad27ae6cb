package dev.weft.web.stream;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClients;
import dev.weft.web.Application;
import dev.weft.web.EventSourceResponse;
import dev.weft.web.Reply;
import dev.weft.web.SseEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Server-Sent Events end to end: {@link EventSourceTcpTest} over loopback TCP, {@link EventSourceInMemoryTest} in memory. */
abstract class EventSourceContract {

    @Test
    void events_go_out_in_the_event_stream_format(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/events", req -> {
            EventSourceResponse sse = new EventSourceResponse();
            sse.prepare(req);
            sse.send("plain");
            sse.send(SseEvent.of("line one\nline two").event("quote").id("7").retry(Duration.ofSeconds(3)));
            sse.comment("just a note");
            return Reply.async(sse.close().thenApply(v -> sse));
        });
        try (ClientResponse res = await(clients.create(app).get("/events"))) {
            assertThat(res.contentType()).isEqualTo("text/event-stream");
            assertThat(res.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(await(res.text())).isEqualTo("data: plain\n\n"
                    + "event: quote\nid: 7\nretry: 3000\ndata: line one\ndata: line two\n\n"
                    + ": just a note\n\n");
        }
    }

    @Test
    void the_last_event_id_of_a_reconnecting_browser_reaches_the_handler(TestClients clients) {
        Application app = Application.create();
        app.routes().get("/events", req -> {
            EventSourceResponse sse = new EventSourceResponse();
            sse.prepare(req);
            sse.send("resuming after " + sse.lastEventId());
            return Reply.async(sse.close().thenApply(v -> sse));
        });
        try (ClientResponse res = await(clients.create(app).get("/events", o -> o.header("Last-Event-ID", "41")))) {
            assertThat(await(res.text())).isEqualTo("data: resuming after 41\n\n");
        }
    }

    @Test
    void an_idle_stream_sends_keep_alive_comments(TestClients clients) {
        Application app = Application.create();
        CompletableFuture<Void> done = new CompletableFuture<>();
        app.routes().get("/idle", req -> {
            EventSourceResponse sse = new EventSourceResponse(Duration.ofMillis(20));
            sse.prepare(req);
            return Reply.async(done.thenCompose(v -> sse.close()).thenApply(v -> sse));
        });
        try (ClientResponse res = await(clients.create(app).get("/idle"))) {
            assertThat(new String(await(res.content().read()), StandardCharsets.UTF_8)).isEqualTo(": ping\n\n");
            done.complete(null);
            while (await(res.content().read()).length > 0) {
                // pings sent meanwhile
            }
        }
    }

    @Test
    void a_browser_that_leaves_ends_the_handler(TestClients clients) {
        CompletableFuture<Void> left = new CompletableFuture<>();
        Application app = Application.create();
        app.routes().get("/events", req -> {
            EventSourceResponse sse = new EventSourceResponse();
            sse.prepare(req);
            sse.send("hello");
            return Reply.async(sse.disconnected().thenApply(v -> {
                left.complete(null);
                return sse;
            }));
        });
        ClientResponse res = await(clients.create(app).get("/events"));
        assertThat(new String(await(res.content().read()), StandardCharsets.UTF_8)).isEqualTo("data: hello\n\n");
        res.release();
        await(left);
    }

    @Test
    void fields_that_would_break_the_format_are_refused() {
        assertThatThrownBy(() -> SseEvent.of("x").event("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseEvent.of("x").id("1\r2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseEvent.of("x").id("1\u00002")).isInstanceOf(IllegalArgumentException.class);
    }
}
