package dev.weft.client;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;
import dev.weft.web.Application;
import dev.weft.web.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@link TcpConnector.Builder#inMemorySite}: a session reaches an in-memory site by any URL, with no socket. */
@WeftTest(transport = TestTransport.MEMORY)
class TcpConnectorInMemoryTest {

    @Test
    void every_origin_reaches_the_in_memory_site_with_its_own_host_header(Loop loop, TestServers servers) {
        Application app = Application.create();
        app.routes().get("/host", req -> Response.text(String.valueOf(req.header("Host"))));
        TestServer server = servers.start(app);
        String site = URI.create(server.url()).getHost();
        try (ClientSession session = ClientSession.create(s -> s
                .connector(TcpConnector.create(c -> c.loop(loop).inMemorySite(site))))) {
            assertThat(await(await(session.get("http://search.internal/host")).text()))
                    .isEqualTo("search.internal");
            assertThat(await(await(session.get("https://other.example:8443/host")).text()))
                    .as("https is sent as plain HTTP in memory").isEqualTo("other.example:8443");
            assertThat(await(await(session.get(server.url() + "/host")).text())).isEqualTo(site);
            assertThat(session.connector().openConnections()).as("one pooled connection per origin").isEqualTo(3);
        }
    }
}
