/** Netty glue behind {@link dev.weft.client}: the connection pool, transports, the HTTP exchange. Not API. */
@NullMarked
package dev.weft.internal.client;

import org.jspecify.annotations.NullMarked;
