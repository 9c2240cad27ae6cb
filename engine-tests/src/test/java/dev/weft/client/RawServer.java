package dev.weft.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw {@link ServerSocket} on loopback that hands each accepted connection to a script: for responses no real
 * server would send, and for servers that accept and never answer.
 */
final class RawServer implements AutoCloseable {
    /** What to do with one accepted connection; {@code index} counts connections from 0. */
    @FunctionalInterface
    interface Script {
        void run(Socket socket, int index) throws Exception;
    }

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    RawServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    int index = accepted.getAndIncrement();
                    Thread conn = new Thread(() -> {
                        try {
                            script.run(s, index);
                        } catch (Exception e) {
                            // the client went away: fine for a fake
                        }
                    }, "raw-server-conn-" + index);
                    conn.setDaemon(true);
                    conn.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int accepted() {
        return accepted.get();
    }

    /** Reads one request head (up to the blank line), records it and returns it; null at end of stream. */
    String readHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        String head = b.toString(StandardCharsets.ISO_8859_1);
        requests.add(head);
        return head;
    }

    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    static void write(Socket s, byte[] bytes) throws IOException {
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
