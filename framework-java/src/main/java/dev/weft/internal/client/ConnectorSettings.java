package dev.weft.internal.client;

import dev.weft.client.ClientLimits;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The settings of a connector, frozen by {@code TcpConnector.Builder.build()}. */
public record ConnectorSettings(int limit, int limitPerHost, Duration keepaliveTimeout, boolean forceClose,
                                boolean useDnsCache, Duration dnsCacheTtl, @Nullable InetAddress localAddress,
                                ClientLimits limits) {
}
