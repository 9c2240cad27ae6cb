/**
 * Netty glue behind {@link dev.weft.loop.Loop}: the loop on a Netty event-loop group, its timers on the system clock
 * (Netty's) or a manual one (kept here), pooled loop threads. The only package of weft-core that reads the JVM's clock
 * or schedules on a Netty executor directly. Not API.
 */
@NullMarked
package dev.weft.internal.loop;

import org.jspecify.annotations.NullMarked;
