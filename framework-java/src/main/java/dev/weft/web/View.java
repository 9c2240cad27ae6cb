package dev.weft.web;

/**
 * A class-based view, as aiohttp's {@code web.View}: one object whose methods answer the HTTP methods of one path.
 * Override the methods the path supports; requests for the others get 405 with an {@code Allow} header listing the
 * overridden ones (found once, when the view is registered). {@code HEAD} is answered by {@link #get} when not
 * overridden.
 *
 * <pre>{@code
 * routes.view("/items/{id}", new View() {
 *     public Reply get(Request req) { return Response.json(items.find(req.param("id"))); }
 *     public Reply delete(Request req) { items.remove(req.param("id")); return Response.empty(204); }
 * });
 * }</pre>
 *
 * <p>One instance serves every request: keep per-request data in locals, not fields.
 */
public abstract class View {

    public Reply get(Request request) throws Exception {
        throw notAllowed();
    }

    public Reply head(Request request) throws Exception {
        throw notAllowed();
    }

    public Reply post(Request request) throws Exception {
        throw notAllowed();
    }

    public Reply put(Request request) throws Exception {
        throw notAllowed();
    }

    public Reply patch(Request request) throws Exception {
        throw notAllowed();
    }

    public Reply delete(Request request) throws Exception {
        throw notAllowed();
    }

    public Reply options(Request request) throws Exception {
        throw notAllowed();
    }

    private static HttpException notAllowed() {
        // Never reached through routing: ViewHandler answers 405 before calling a method that is not overridden.
        return new HttpException(405);
    }
}
