package dev.weft.client;

import java.net.URI;

/** More redirects than {@code maxRedirects} were answered; the last one is released. */
public class TooManyRedirectsException extends ClientException {
    private static final long serialVersionUID = 1L;

    public TooManyRedirectsException(int maxRedirects, URI last) {
        super("more than " + maxRedirects + " redirects, the last to " + last);
    }
}
