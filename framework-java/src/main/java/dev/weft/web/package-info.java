/**
 * The server side of Weft: {@link dev.weft.web.Application}, routing ({@link dev.weft.web.RouteTable}), requests,
 * responses, middlewares, HTTP errors as exceptions, and running ({@link dev.weft.web.AppRunner},
 * {@link dev.weft.web.Server}). Not the client: that is {@code dev.weft.client}.
 */
@NullMarked
package dev.weft.web;

import org.jspecify.annotations.NullMarked;
