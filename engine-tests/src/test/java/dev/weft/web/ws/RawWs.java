package dev.weft.web.ws;

import dev.weft.test.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw-socket WebSocket client for protocol abuse: it writes exactly the frames asked for (masked or not, any RSV
 * bits, any opcode) and reads the server's frames. Reads time out as a safety net.
 */
final class RawWs implements AutoCloseable {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private RawWs(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawWs connect(int port) throws IOException {
        Socket s = new Socket();
        s.setSoTimeout((int) Await.TIMEOUT.toMillis());
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawWs(s);
    }

    /** The standard handshake request for {@code path}, with {@code extra} header lines (each ending in CRLF). */
    static String handshake(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n";
    }

    /** Opens a WebSocket on {@code path}; fails unless the answer is 101. */
    static RawWs open(int port, String path) throws IOException {
        RawWs ws = connect(port);
        ws.write(handshake(path, "").getBytes(StandardCharsets.ISO_8859_1));
        String head = ws.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("no 101: " + head);
        }
        return ws;
    }

    RawWs write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The response head, up to the empty line. */
    String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1
                    : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The bytes of one frame; {@code mask}: as a client must. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean mask) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int m = mask ? 0x80 : 0;
        if (payload.length < 126) {
            b.write(m | payload.length);
        } else if (payload.length < 65536) {
            b.write(m | 126);
            b.write(payload.length >> 8);
            b.write(payload.length);
        } else {
            b.write(m | 127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) ((long) payload.length >> (8 * i)));
            }
        }
        byte[] key = new byte[4];
        if (mask) {
            ThreadLocalRandom.current().nextBytes(key);
            b.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            b.write(payload[i] ^ key[i & 3]);
        }
        return b.toByteArray();
    }

    RawWs send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        return write(frame(fin, rsv, opcode, payload, true));
    }

    RawWs sendText(String text) throws IOException {
        return send(true, 0, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return p;
    }

    /** The next frame from the server, or null when the connection ended. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.read();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | in.read();
            }
        }
        if ((b1 & 0x80) != 0) {
            throw new AssertionError("the server masked a frame");
        }
        byte[] payload = in.readNBytes((int) len);
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0f, payload);
    }

    /** Reads frames until a close frame and returns its code; fails if the connection ends without one. */
    int expectClose() throws IOException {
        while (true) {
            Frame f = read();
            if (f == null) {
                throw new AssertionError("the connection ended without a close frame");
            }
            if (f.opcode() == 8) {
                return f.closeCode();
            }
        }
    }

    /** Whether the server closed the connection (reads to the end, skipping frames). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
