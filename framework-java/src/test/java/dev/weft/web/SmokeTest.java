package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.loop.Loop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void serves_hello() throws Exception {
        Application app = Application.create();
        app.routes().get("/", r -> Response.text("hello"))
                .get("/u/{id}", r -> Response.json(java.util.Map.of("id", r.param("id"))))
                .post("/echo", r -> Reply.async(r.bytes().thenApply(b -> Response.bytes(b, "application/octet-stream"))))
                .get("/later", r -> Reply.async(CompletableFuture.supplyAsync(() -> Response.text("later"))));
        try (Loop loop = Loop.create(1); AppRunner runner = AppRunner.create(app, ServerConfig.defaults(), loop)) {
            BoundSite site = runner.start(Site.tcp("127.0.0.1", 0)).toCompletableFuture().join();
            HttpClient c = HttpClient.newHttpClient();
            var res = c.send(HttpRequest.newBuilder(URI.create(site.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).isEqualTo("hello");
            res = c.send(HttpRequest.newBuilder(URI.create(site.url() + "/u/42")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.body()).isEqualTo("{\"id\":\"42\"}");
            res = c.send(HttpRequest.newBuilder(URI.create(site.url() + "/echo")).POST(HttpRequest.BodyPublishers.ofString("abc")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.body()).isEqualTo("abc");
            res = c.send(HttpRequest.newBuilder(URI.create(site.url() + "/later")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.body()).isEqualTo("later");
            res = c.send(HttpRequest.newBuilder(URI.create(site.url() + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(404);
            res = c.send(HttpRequest.newBuilder(URI.create(site.url() + "/")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(405);
            assertThat(res.headers().firstValue("Allow")).contains("GET, HEAD");
        }
    }
}
