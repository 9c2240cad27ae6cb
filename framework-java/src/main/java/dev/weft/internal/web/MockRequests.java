package dev.weft.internal.web;

import dev.weft.http.Headers;
import dev.weft.http.UrlCodec;
import dev.weft.loop.Loop;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import io.netty.buffer.Unpooled;
import java.net.SocketAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Request} without a connection, for unit tests of handlers and middlewares (the test harness's
 * {@code MockedRequest}). It behaves as a request the server made: same parsing, same body limit.
 */
public final class MockRequests {
    private MockRequests() {
    }

    /**
     * @param target     raw path and query, e.g. {@code /users/42?x=1}
     * @param matchInfo  the placeholder values a route would have matched
     * @param body       the whole body, or null for none
     */
    public static Request create(Application app, Loop loop, String method, String target, Headers headers,
                                 Map<String, String> matchInfo, byte @Nullable [] body, String version,
                                 SocketAddress remote, SocketAddress local, String scheme) {
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String path = UrlCodec.decodePath(rawPath);
        RequestBody requestBody;
        long length;
        if (body == null) {
            requestBody = RequestBody.empty();
            length = -1;
        } else {
            length = body.length;
            requestBody = RequestBody.open(app.clientMaxSize(), length);
            requestBody.offer(Unpooled.wrappedBuffer(body), true);
        }
        DefaultRequest request = new DefaultRequest(new ConnectionInfo(remote, local, scheme, loop), method, target,
                rawPath, path, query, headers, version, !"HTTP/1.0".equals(version), requestBody, length, app);
        if (!matchInfo.isEmpty()) {
            CompiledRoute route = new CompiledRoute(method, PathTemplate.parse("/"), null,
                    r -> Reply.failed(new IllegalStateException("a mocked request has no route to run")), app);
            request.route(new RouteMatch.Found(route, Map.copyOf(matchInfo)));
        }
        return request;
    }
}
