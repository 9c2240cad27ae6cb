package dev.weft.examples.search;

import dev.weft.web.AppKey;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Response;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An application whose handler builds a {@link SearchService} per request. It builds it on the application's worker
 * pool (where a real application would also do some blocking lookup first): a plain thread, on which
 * {@link dev.weft.loop.Loop#current()} is the process-wide default loop, not the loop that serves the request. A
 * test that wants the service on its own loop has to patch the class (see {@code SearchAppTest}).
 *
 * <p>{@code GET /search?q=...} answers {@code {"query": ..., "hits": [...]}}, with a header {@code X-Search-Loop}
 * that says whether the service ran on the request's loop ({@code request}) or on another one ({@code other}).
 */
public final class SearchApp {
    /** The application's worker pool, shut down when the application stops. */
    public static final AppKey<ExecutorService> WORKERS = AppKey.of("workers", ExecutorService.class);

    private SearchApp() {
    }

    /** The application, asking the backend at {@code backendUrl}. */
    public static Application app(String backendUrl) {
        Application app = Application.create();
        app.cleanupContext(a -> {
            ExecutorService workers = Executors.newFixedThreadPool(2);
            a.set(WORKERS, workers);
            return () -> {
                workers.shutdown();
                return CompletableFuture.completedFuture(null);
            };
        });
        app.routes().get("/search", req -> {
            String query = req.query().get("q");
            if (query == null) {
                return Response.text("ask with ?q=...").status(400);
            }
            return Reply.async(CompletableFuture
                    .supplyAsync(() -> new SearchService(backendUrl), req.app().require(WORKERS))
                    .thenCompose(service -> service.search(query).thenApply(hits -> Response
                            .json(Map.of("query", query, "hits", hits))
                            .header("X-Search-Loop", service.loop() == req.loop() ? "request" : "other"))));
        });
        return app;
    }
}
