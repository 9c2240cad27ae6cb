package dev.weft.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import dev.weft.web.AppRunner;
import dev.weft.web.BoundSite;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HelloAppTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private Loop loop;
    private AppRunner runner;
    private BoundSite site;

    @BeforeEach
    void start() throws Exception {
        loop = Loop.create(1);
        runner = AppRunner.create(HelloApp.app(), ServerConfig.defaults(), loop);
        site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        runner.close();
        loop.close();
    }

    @Test
    void greets_the_world() throws Exception {
        HttpResponse<String> res = get("/");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("Hello, world");
    }

    @Test
    void greets_the_name_from_the_path() throws Exception {
        HttpResponse<String> res = get("/hello/ada");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("Hello, ada");
    }

    @Test
    void answers_404_for_other_paths() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(site.url() + path)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
