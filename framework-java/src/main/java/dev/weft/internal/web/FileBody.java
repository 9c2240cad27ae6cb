package dev.weft.internal.web;

import java.nio.file.Path;

/** The body of {@code Response.file}: a file the server reads when it sends the response. */
public record FileBody(Path path) {
}
