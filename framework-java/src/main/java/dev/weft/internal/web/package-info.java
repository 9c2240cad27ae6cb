/**
 * The middle of the request path, behind {@link dev.weft.web}: the route compiler (an application tree into a
 * {@link dev.weft.internal.web.Dispatcher} with each route's middleware chain built once), route lookup, the 404/405
 * handler, the request implementation and the reply implementations. The connection ({@code internal.server}) calls
 * in here; nothing here calls back into {@code dev.weft.web} for behaviour, only for the handler-facing types. Not API.
 */
@NullMarked
package dev.weft.internal.web;

import org.jspecify.annotations.NullMarked;
