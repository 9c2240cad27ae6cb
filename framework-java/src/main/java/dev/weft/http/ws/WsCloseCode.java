package dev.weft.http.ws;

/**
 * The close codes of RFC 6455 §7.4.1 (and IANA's registry) that Weft sends or reports, as aiohttp's
 * {@code WSCloseCode}. A close code is an {@code int}: applications may use their own in 4000–4999.
 */
public final class WsCloseCode {
    /** Normal closure: the purpose of the connection has been fulfilled. */
    public static final int OK = 1000;
    /** The server is going down (graceful shutdown) or a browser navigated away. */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol (an unmasked frame, a reserved opcode, a bad close frame…). */
    public static final int PROTOCOL_ERROR = 1002;
    /** A data type the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reported, never sent: the close frame carried no code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Reported, never sent: the connection ended without a close handshake (or a heartbeat went unanswered). */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** A text message (or close reason) that is not valid UTF-8. */
    public static final int INVALID_TEXT = 1007;
    /** A message that violates the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message larger than the endpoint accepts ({@code maxMsgSize}). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The client expected an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met an unexpected condition (the handler failed). */
    public static final int INTERNAL_ERROR = 1011;
    /** The service is restarted. */
    public static final int SERVICE_RESTART = 1012;
    /** Try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A gateway got an invalid response. */
    public static final int BAD_GATEWAY = 1014;

    private WsCloseCode() {
    }

    /**
     * Whether {@code code} may be sent in a close frame (RFC 6455 §7.4): 1000–1003, 1007–1014, 3000–4999.
     * 1004–1006 and 1015 are reserved and never sent; other codes below 3000 are unassigned.
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
