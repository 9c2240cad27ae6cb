package dev.weft.web;

import dev.weft.test.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Bytes the Weft client will not send (no {@code Host} header, a malformed escape, two {@code Cookie} headers, a
 * chunked body that never ends), written over a raw socket to a {@link TestServer}, and the response read to the
 * end as it came over the wire (a client would skip a body after HEAD, 204 or 304; this shows whether one came).
 *
 * <pre>{@code
 * RawHttp.Response res = RawHttp.send(server, "GET /users/%zz HTTP/1.1\r\nHost: localhost");
 * assertThat(res.status()).isEqualTo(400);
 * }</pre>
 */
final class RawHttp {
    /** How long a raw exchange may take: a safety net, never a delay. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RawHttp() {
    }

    /** {@link #send(InetSocketAddress, String, byte[])} to {@code server} without a body. */
    static Response send(TestServer server, String head) {
        return send(server, head, new byte[0]);
    }

    /** {@link #send(InetSocketAddress, String, byte[])} to {@code server}. */
    static Response send(TestServer server, String head, byte[] body) {
        return send(new InetSocketAddress(TestServer.HOST, server.port()), head, body);
    }

    /**
     * Sends {@code head} (request line and headers, lines separated by CRLF, without the blank line) and then
     * {@code body} over a new socket to {@code address}, with {@code Connection: close} added, and reads the
     * response to the end.
     */
    static Response send(InetSocketAddress address, String head, byte[] body) {
        try (Socket s = new Socket()) {
            s.connect(address, (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.write(body);
            out.write(request.toByteArray()); // one write: the server reads it all before it answers and closes
            out.flush();
            return Response.parse(s.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response read from a raw socket; header names are lower-cased. */
    record Response(int status, List<String[]> headers, String body) {
        /** The first value of header {@code name}, ignoring case, or null. */
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        static Response parse(byte[] bytes) {
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("not an HTTP response: " + all);
            }
            String[] lines = all.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim()});
            }
            byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }
}
