package dev.weft.internal.client;

import dev.weft.client.ClientException;
import dev.weft.client.ClientResponse;
import dev.weft.client.ClientResponseException;
import dev.weft.client.ResponseContent;
import dev.weft.http.Cookie;
import dev.weft.http.Headers;
import dev.weft.http.SetCookieParser;
import dev.weft.internal.http.NettyHeaders;
import dev.weft.json.JsonCodec;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@link ClientResponse} over a {@link Body}; calls from other threads hop onto the connector's event loop. */
final class DefaultClientResponse implements ClientResponse {
    private final EventLoop eventLoop;
    private final int status;
    private final String reason;
    private final Headers headers;
    private final String method;
    private final URI url;
    private final Body body;
    private final JsonCodec codec;
    private final ResponseState state;
    private List<ClientResponse> history = List.of();
    private final List<Cookie> cookies;

    DefaultClientResponse(EventLoop eventLoop, HttpResponse head, String method, URI url, Body body, JsonCodec codec,
                          ResponseState state) {
        this.eventLoop = eventLoop;
        this.status = head.status().code();
        this.reason = head.status().reasonPhrase();
        this.headers = NettyHeaders.readOnly(head.headers());
        this.method = method;
        this.url = url;
        this.body = body;
        this.codec = codec;
        this.state = state;
        this.cookies = cookies(head);
    }

    private static List<Cookie> cookies(HttpResponse head) {
        if (!head.headers().contains(HttpHeaderNames.SET_COOKIE)) {
            return List.of(); // the usual case: no list to fill and copy
        }
        List<Cookie> parsed = new ArrayList<>();
        for (String v : head.headers().getAll(HttpHeaderNames.SET_COOKIE)) {
            Cookie c = SetCookieParser.parse(v);
            if (c != null) {
                parsed.add(c);
            }
        }
        return List.copyOf(parsed);
    }

    void history(List<ClientResponse> history) {
        this.history = List.copyOf(history);
    }

    Body body() {
        return body;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public List<Cookie> cookies() {
        return cookies;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public List<ClientResponse> history() {
        return history;
    }

    @Override
    public CompletionStage<byte[]> bytes() {
        return onLoop(body::readAll);
    }

    @Override
    public CompletionStage<String> text() {
        return bytes().thenApply(b -> new String(b, charset()));
    }

    @Override
    public <T> CompletionStage<T> json(Class<T> type) {
        return json((Type) type);
    }

    @Override
    public <T> CompletionStage<T> json(Type type) {
        return bytes().thenApply(b -> {
            try {
                return codec.<T>read(new ByteArrayInputStream(b), type);
            } catch (IOException e) {
                throw new ClientException("the response of " + method + " " + url + " is not valid JSON for " + type
                        + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public ResponseContent content() {
        return new ResponseContent() {
            @Override
            public CompletionStage<byte[]> read() {
                return onLoop(body::read);
            }

            @Override
            public boolean atEnd() {
                return body.atEnd();
            }
        };
    }

    @Override
    public void release() {
        state.closed(); // at once, so isReleased() is true on return from any thread
        if (eventLoop.inEventLoop()) {
            body.release();
        } else {
            eventLoop.execute(body::release);
        }
    }

    @Override
    public boolean isReleased() {
        return !state.isOpen();
    }

    @Override
    public ClientResponse raiseForStatus() {
        if (status >= 400) {
            release();
            throw new ClientResponseException(status, reason, method, url);
        }
        return this;
    }

    private Charset charset() {
        String type = headers.get("Content-Type");
        if (type != null) {
            for (String param : type.split(";")) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name = p.substring(8).replace("\"", "").trim();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private <T> CompletionStage<T> onLoop(Supplier<CompletableFuture<T>> action) {
        if (eventLoop.inEventLoop()) {
            return action.get();
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        eventLoop.execute(() -> action.get().whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(v);
            }
        }));
        return out;
    }

    @Override
    public String toString() {
        return "ClientResponse[" + status + " " + reason + " for " + method + " " + url + "]";
    }
}
