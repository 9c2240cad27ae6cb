/**
 * The event loop that everything in Weft runs on ({@link dev.weft.loop.Loop}), its clock
 * ({@link dev.weft.loop.LoopClock}, and the {@link dev.weft.loop.ManualClock} tests advance by hand), its timers, the
 * implicit loop ({@link dev.weft.loop.ImplicitLoop}) and the instrumentation test harnesses use (pending timers,
 * pooled threads, the in-memory transport). Not a scheduler for blocking work: that goes through
 * {@link dev.weft.loop.Loop#runBlocking}.
 */
@NullMarked
package dev.weft.loop;

import org.jspecify.annotations.NullMarked;
