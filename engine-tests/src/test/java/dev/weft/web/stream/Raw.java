package dev.weft.web.stream;

import dev.weft.test.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A request written over a raw socket and the response read to the close, as bytes on the wire: head and body. */
final class Raw {
    private Raw() {
    }

    record Response(String head, String body) {
    }

    /** Sends {@code head} (lines separated by CRLF, without the blank line; {@code Connection: close} added). */
    static Response send(TestServer server, String head) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(TestServer.HOST, server.port()), 10_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String extra = head.contains("HTTP/1.0") ? "" : "\r\nConnection: close";
            out.write((head + extra + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            return new Response(all.substring(0, end), all.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
