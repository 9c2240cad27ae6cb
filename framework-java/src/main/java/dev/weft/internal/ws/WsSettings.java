package dev.weft.internal.ws;

import java.time.Duration;

/**
 * What the frame machine needs to know of either side's options: the limits and behaviours of a {@link WsConnection}.
 *
 * @param client whether this end is the client: it masks what it sends and refuses masked frames (RFC 6455 §5.1)
 */
public record WsSettings(int maxMessageBytes, Duration heartbeat, boolean autoping, boolean autoclose,
                         Duration closeTimeout, boolean client) {

    /** Whether a heartbeat is configured. */
    public boolean heartbeatOn() {
        return !heartbeat.isZero();
    }
}
