package dev.weft.client;

import static dev.weft.client.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.client.DefaultClientSession;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Response;
import org.junit.jupiter.api.Test;

/** Responses neither read nor released are found, named, and released by close(). */
class UnreleasedResponsesTest {

    @Test
    void an_unread_response_is_listed_by_request_and_released_when_the_session_closes() {
        Application app = Application.create();
        app.routes().get("/big", req -> Response.bytes(new byte[2_000_000], "application/octet-stream"))
                .get("/empty", req -> Response.empty(204))
                .get("/small", req -> Response.text("small"));
        try (Loop loop = Loop.create(1); TestServer server = TestServer.start(app)) {
            ClientSession session = ClientSession.create(s -> s.loop(loop));
            ClientResponse big = await(session.get(server.url("/big")));
            await(session.get(server.url("/empty")));
            ClientResponse read = await(session.get(server.url("/small")));
            await(read.text());
            assertThat(DefaultClientSession.unreleasedResponses(session))
                    .containsExactly("GET " + server.url("/big") + " (200)");
            session.close();
            assertThat(big.isReleased()).isTrue();
            assertThat(DefaultClientSession.unreleasedResponses(session)).isEmpty();
        }
    }

    @Test
    void a_released_response_frees_its_connection_for_the_next_request() {
        Application app = Application.create();
        app.routes().get("/big", req -> Response.bytes(new byte[2_000_000], "application/octet-stream"));
        try (Loop loop = Loop.create(1); TestServer server = TestServer.start(app);
             ClientSession session = ClientSession.create(s -> s.connector(TcpConnector.create(c -> c.loop(loop)
                     .limit(1))))) {
            for (int i = 0; i < 3; i++) {
                ClientResponse r = await(session.get(server.url("/big")));
                r.release(); // before the body arrived: the connection is closed, its place freed
            }
            assertThat(await(await(session.get(server.url("/big"))).bytes())).hasSize(2_000_000);
        }
    }
}
