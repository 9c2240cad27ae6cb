package dev.weft.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.BoundSite;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatAppTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Application app = ChatApp.app();
    private Loop loop;
    private AppRunner runner;
    private BoundSite site;

    @BeforeEach
    void start() throws Exception {
        loop = Loop.create(1);
        runner = AppRunner.create(app, ServerConfig.create(), loop);
        site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        runner.close();
        loop.close();
    }

    /** A chat member: what it receives goes into a queue; {@code closed} completes with the close code. */
    private final class Member implements WebSocket.Listener {
        final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final WebSocket socket;

        Member(String room) throws Exception {
            socket = client.newWebSocketBuilder()
                    .buildAsync(URI.create(site.url().replace("http", "ws") + "/rooms/" + room), this)
                    .get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            heard.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }

        String next() throws InterruptedException {
            return heard.poll(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyone_in_a_room_hears_every_message_and_closing_the_room_ends_its_sockets() throws Exception {
        Member ada = new Member("lobby");
        Member bob = new Member("lobby");
        Member eve = new Member("attic");
        ada.socket.sendText("hello from ada", true).get(10, TimeUnit.SECONDS);
        assertThat(ada.next()).isEqualTo("hello from ada");
        bob.socket.sendText("hi ada", true).get(10, TimeUnit.SECONDS);
        // A socket is in its room from its 101 on: bob, connected before ada spoke, heard her.
        assertThat(bob.next()).isEqualTo("hello from ada");
        assertThat(bob.next()).isEqualTo("hi ada");
        assertThat(ada.next()).isEqualTo("hi ada");
        assertThat(eve.heard).isEmpty();

        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(site.url() + "/rooms/lobby/close"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(res.body()).isEqualTo("closed 2 sockets");
        assertThat(ada.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(bob.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        eve.socket.sendText("still open", true).get(10, TimeUnit.SECONDS);
        assertThat(eve.next()).isEqualTo("still open");
    }
}
