package dev.weft.web;

import org.jspecify.annotations.Nullable;

/**
 * One route as registered: a method ({@code "*"} for any), a path template, an optional name, and the handler.
 *
 * <p>Path templates: static text, {@code {name}} for one path segment, {@code {name:regex}} where the regex may span
 * {@code /} (e.g. {@code {tail:.+}}). Templates match the percent-decoded path. {@code origin} says where the route
 * was registered, for error messages.
 */
public record RouteDef(String method, String path, @Nullable String name, Handler handler, String origin) {
}
