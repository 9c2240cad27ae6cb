package dev.weft.examples.hello;

import static dev.weft.test.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.WeftTest;
import org.junit.jupiter.api.Test;

@WeftTest
class HelloAppTest {

    @Test
    void greets_the_name_from_the_path(TestClients clients) {
        TestClient client = clients.create(HelloApp.app());

        ClientResponse res = await(client.get("/hello/ada"));

        assertThat(res.status()).isEqualTo(200);
        assertThat(await(res.text())).isEqualTo("Hello, ada");
    }

    @Test
    void greets_the_world(TestClients clients) {
        ClientResponse res = await(clients.create(HelloApp.app()).get("/"));

        assertThat(res.status()).isEqualTo(200);
        assertThat(await(res.text())).isEqualTo("Hello, world");
    }

    @Test
    void answers_404_for_other_paths(TestClients clients) {
        try (ClientResponse res = await(clients.create(HelloApp.app()).get("/nope"))) {
            assertThat(res.status()).isEqualTo(404);
        }
    }
}
