package dev.weft.client;

import dev.weft.http.Headers;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/** What a {@link Tracer} is told. Each kind is a record; test with {@code instanceof}. */
public sealed interface TraceEvent {

    /** A request (or a redirected one) is about to get a connection and be sent; its headers are final. */
    record RequestStart(String method, URI url, Headers headers) implements TraceEvent {
    }

    /** A response head arrived for the request (redirects report one each). */
    record RequestEnd(String method, URI url, int status) implements TraceEvent {
    }

    /** The request failed; no response follows. */
    record RequestException(String method, URI url, Throwable error) implements TraceEvent {
    }

    /** A redirect is followed, to {@code location}. */
    record RequestRedirect(String method, URI url, int status, URI location) implements TraceEvent {
    }

    /** No connection could be had at once (a limit is reached); the request waits in the queue. */
    record ConnectionQueued(String host, int port) implements TraceEvent {
    }

    /** A new connection was opened, from {@code local} to {@code remote}. */
    record ConnectionCreate(String host, int port, SocketAddress local, SocketAddress remote) implements TraceEvent {
    }

    /** A pooled keep-alive connection is used again. */
    record ConnectionReuse(String host, int port, SocketAddress local) implements TraceEvent {
    }

    /** A host name was resolved, from the DNS cache or not. */
    record DnsResolve(String host, List<InetAddress> addresses, boolean fromCache) implements TraceEvent {
    }
}
