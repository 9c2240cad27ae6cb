package dev.weft.web;

import dev.weft.client.ClientResponse;
import dev.weft.http.Headers;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A response of the Weft test client read to its end (and so released): status, reason, headers and body text, for
 * a test to assert on after the connection is free again.
 *
 * <pre>{@code
 * Answer res = Answer.of(client.get("/users/7"));
 * assertThat(res.status()).isEqualTo(200);
 * }</pre>
 */
record Answer(int status, String reason, Headers headers, String body) {

    /** Waits for {@code response}, reads its body as text and releases it. */
    static Answer of(CompletableFuture<ClientResponse> response) {
        try (ClientResponse res = response.join()) {
            String body = res.text().toCompletableFuture().join();
            return new Answer(res.status(), res.reason(), res.headers(), body);
        }
    }

    /** The body text of {@code response}, read to its end. */
    static String text(CompletableFuture<ClientResponse> response) {
        return of(response).body();
    }

    /** The status of {@code response}, whose body is read to its end. */
    static int status(CompletableFuture<ClientResponse> response) {
        return of(response).status();
    }

    /** The first value of header {@code name}, ignoring case, or null. */
    String header(String name) {
        return headers.get(name);
    }

    /** Every value of header {@code name}, in order. */
    List<String> headers(String name) {
        return headers.getAll(name);
    }
}
