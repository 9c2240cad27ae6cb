/** The HTTP/1.1 server on Netty: connections, decoding checks, response encoding, graceful stop. Not API. */
@NullMarked
package dev.weft.internal.server;

import org.jspecify.annotations.NullMarked;
