package dev.weft.examples.search;

import dev.weft.client.ClientSession;
import dev.weft.loop.Loop;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A client of an HTTP search backend, as services are often written: it takes no loop, and its client session runs
 * on the implicit one, {@link Loop#current()}, wherever the service happens to be built. One is made per request and
 * closes its session once it has answered.
 */
public final class SearchService {
    private final ClientSession http;

    /** A service that asks the backend at {@code backendUrl} (such as {@code http://search.internal/}). */
    public SearchService(String backendUrl) {
        this.http = ClientSession.create(s -> s.baseUrl(backendUrl).raiseForStatus(true));
    }

    /** The loop the service's requests run on. */
    public Loop loop() {
        return http.loop();
    }

    /** The backend's hits for {@code query}; closes the service when it completes. */
    public CompletionStage<List<?>> search(String query) {
        return http.get("search", o -> o.query("q", query))
                .thenCompose(res -> res.json(List.class))
                .<List<?>>thenApply(hits -> hits)
                .whenComplete((hits, error) -> http.close());
    }
}
