package dev.weft.web.wire;

import dev.weft.loop.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One raw HTTP/1.1 client connection for hostile-input tests: writes exactly the bytes given, reads responses by
 * their framing (status line, headers, {@code Content-Length} body), and tells whether the server closed. Every read
 * has a socket timeout as a safety net, so a server that hangs fails the test instead of blocking it.
 */
final class RawHttp implements AutoCloseable {
    /** How long one read may block before the test fails. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttp connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) READ_TIMEOUT.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
        return new RawHttp(s);
    }

    /** Writes {@code text} as ISO-8859-1 bytes: each char is one byte, so NUL, CR and 0xFF go out as written. */
    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one complete response; fails if the connection ends or stalls before it is complete. */
    Reply read() throws IOException {
        return read(true);
    }

    /** Reads the status line and headers of a response that carries no body (the answer to HEAD). */
    Reply readHead() throws IOException {
        return read(false);
    }

    private Reply read(boolean withBody) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new AssertionError("the server closed the connection without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        List<String> length = headers.get("content-length");
        byte[] body = new byte[0];
        if (withBody && status >= 200 && status != 204 && status != 304 && length != null) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        }
        return new Reply(status, statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Whether the server has closed the connection: true at end of stream (or a reset), false if bytes arrive
     * instead. A server that neither closes nor answers within {@link #READ_TIMEOUT} fails the test.
     */
    boolean closedByServer() throws IOException {
        try {
            return readByte() < 0;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + READ_TIMEOUT.toSeconds() + " s");
        } catch (SocketException e) {
            return true; // a reset: the server closed with our bytes unread
        }
    }

    /**
     * Writes {@code bytes} one at a time, advancing {@code clock} (the server loop's) by {@code pause} after each: a
     * client that sends slowly, in virtual time. Returns how many bytes were written before the server started
     * answering (its answer is in our socket once the advance has returned) or closed, or {@code bytes.length} if it
     * never did.
     */
    int trickle(byte[] bytes, ManualClock clock, Duration pause) throws IOException {
        for (int i = 0; i < bytes.length; i++) {
            try {
                out.write(bytes[i]);
                out.flush();
            } catch (SocketException e) {
                return i; // already closed by the server
            }
            clock.advance(pause);
            if (in.available() > 0) {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private int readByte() throws IOException {
        return in.read();
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = readByte();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete response within " + READ_TIMEOUT.toSeconds() + " s; got "
                        + buf.toString(StandardCharsets.ISO_8859_1));
            }
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as read off the wire; header names are lower-cased. */
    record Reply(int status, String statusLine, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        boolean announcesClose() {
            return "close".equalsIgnoreCase(header("connection"));
        }
    }
}
