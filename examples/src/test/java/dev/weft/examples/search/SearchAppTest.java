package dev.weft.examples.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.test.ServicePatches;
import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import dev.weft.web.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The implicit-loop case end to end: the handler builds a {@link SearchService} where the test cannot reach, and a
 * {@code RawTestServer} stands in for the search backend.
 */
@WeftTest
class SearchAppTest {

    private static TestServer backend(TestServers servers) {
        return servers.raw(req -> Response.json(List.of(req.query().get("q") + " in the docs")));
    }

    @Test
    void the_patched_service_runs_on_the_test_loop(TestServers servers, TestClients clients,
                                                   ServicePatches patches) {
        patches.patch(SearchService.class);
        TestClient client = clients.create(SearchApp.app(backend(servers).url() + "/"));

        try (ClientResponse res = client.get("/search?q=loops").join()) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("X-Search-Loop")).isEqualTo("request");
            Map<?, ?> body = res.json(Map.class).toCompletableFuture().join();
            assertThat(body).isEqualTo(Map.of("query", "loops", "hits", List.of("loops in the docs")));
        }
    }

    @Test
    void without_the_patch_the_service_does_not_use_the_test_loop(TestServers servers, TestClients clients) {
        TestClient client = clients.create(SearchApp.app(backend(servers).url() + "/"));

        try (ClientResponse res = client.get("/search?q=loops").join()) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.header("X-Search-Loop")).isEqualTo("other");
        }
    }
}
