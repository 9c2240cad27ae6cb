/**
 * The load generators of {@code benchmarks/run} for what wrk cannot do: WebSocket echo ({@link
 * dev.weft.bench.load.WsLoad}, on raw Netty) and HTTP clients ({@link dev.weft.bench.load.HttpClientLoad}; the Vert.x
 * WebClient's is {@code servers/vertx-client/}). Each prints one {@link dev.weft.bench.load.Round} line per run.
 */
@NullMarked
package dev.weft.bench.load;

import org.jspecify.annotations.NullMarked;
