package dev.weft.client;

import java.net.URI;

/**
 * A response with an error status (400 or more) when {@code raiseForStatus} is on (aiohttp's
 * {@code ClientResponseError}). The response has already been released.
 */
public class ClientResponseException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String method;
    private final URI url;

    public ClientResponseException(int status, String reason, String method, URI url) {
        super(status + " " + reason + " for " + method + " " + url);
        this.status = status;
        this.method = method;
        this.url = url;
    }

    /** The status code of the response. */
    public int status() {
        return status;
    }

    /** The method of the request. */
    public String method() {
        return method;
    }

    /** The URL that answered with the error. */
    public URI url() {
        return url;
    }
}
