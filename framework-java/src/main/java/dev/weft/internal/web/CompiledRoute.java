package dev.weft.internal.web;

import dev.weft.web.Application;
import dev.weft.web.Handler;
import org.jspecify.annotations.Nullable;

/**
 * A route ready to serve: its full template (with sub-application prefixes), and its handler already wrapped in the
 * middlewares of every application from the root down to {@code owner}.
 */
public record CompiledRoute(String method, PathTemplate template, @Nullable String name, Handler chain,
                            Application owner) {
}
