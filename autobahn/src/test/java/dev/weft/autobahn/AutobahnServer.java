package dev.weft.autobahn;

import dev.weft.http.ws.WsMessage;
import dev.weft.loop.Loop;
import dev.weft.web.AccessLog;
import dev.weft.web.AppRunner;
import dev.weft.web.Application;
import dev.weft.web.Reply;
import dev.weft.web.ServerConfig;
import dev.weft.web.Site;
import dev.weft.web.ws.WebSocketResponse;
import dev.weft.web.ws.WsOptions;

/**
 * The echo server the Autobahn fuzzing client tests: every text and binary message back as it came. Messages up to
 * 32 MiB (the suite's largest is 16 MiB). Started by the autobahntestsuite-maven-plugin with the port as argument;
 * listens on all addresses.
 */
public final class AutobahnServer {
    private AutobahnServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WsOptions options = WsOptions.create(o -> o.maxMessageBytes(32 * 1024 * 1024));
        Application app = Application.create();
        app.routes().route("*", "/{tail:.*}", req -> {
            var ws = new WebSocketResponse(options);
            return Reply.async(ws.prepare(req)
                    .thenCompose(v -> ws.forEach(m -> m instanceof WsMessage.Binary b ? ws.sendBytes(b.data())
                            : ws.sendText(WsMessage.text(m))))
                    .thenApply(v -> ws));
        });
        Loop loop = Loop.create(1);
        AppRunner runner = AppRunner.create(app, ServerConfig.create(c -> c.accessLog(AccessLog.off())), loop);
        runner.start(Site.tcp("0.0.0.0", port)).toCompletableFuture().join();
    }
}
