package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.client.ClientResponse;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The base class as users write it: only {@code createApplication()}, and {@code client} is ready in each test. */
class WeftTestCaseTest extends WeftTestCase {
    static final java.util.List<Loop> LOOPS_SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected Application createApplication() {
        LOOPS_SEEN.add(Loop.current());
        Application app = Application.create();
        app.routes().get("/hello/{name}", r -> Response.text("hello, " + r.param("name")));
        return app;
    }

    @Test
    void the_client_is_ready_in_each_test() {
        try (ClientResponse res = client.get("/hello/ada").join()) {
            assertThat(res.status()).isEqualTo(200);
            assertThat(res.text().toCompletableFuture().join()).isEqualTo("hello, ada");
        }
    }

    @Test
    void the_application_is_made_on_the_test_loop_which_the_client_and_server_share() {
        assertThat(LOOPS_SEEN).contains(loop);
        assertThat(client.loop()).isSameAs(loop);
        assertThat(client.server().loop()).isSameAs(loop);
        assertThat(client.server().transport()).isEqualTo(TestTransport.TCP);
    }

    /** The same base class in memory. */
    @Nested
    @WeftTest(transport = TestTransport.MEMORY)
    class InMemory {
        @Test
        void the_client_is_ready_and_in_memory() {
            assertThat(client.server().transport()).isEqualTo(TestTransport.MEMORY);
            try (ClientResponse res = client.get("/hello/bob").join()) {
                assertThat(res.text().toCompletableFuture().join()).isEqualTo("hello, bob");
            }
        }
    }
}
