package dev.weft.bench.load;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP clients' load: {@code concurrency} closed loops (a request, its whole body, the next request), each
 * exchange timed from the call to its body's end, until the {@link Round} is over. A loop stops at its first failure
 * (counted as a read error). Plain JDK, so that the Vert.x client compiles it too.
 */
public final class ClosedLoops {
    /** How long the exchanges in flight at the end of the round may take to finish. */
    private static final int DRAIN_SECONDS = 10;

    /** One exchange: completes with the response status once the whole body has arrived. */
    @FunctionalInterface
    public interface Call {
        CompletionStage<Integer> call();
    }

    private ClosedLoops() {
    }

    /**
     * Runs the loops for the round's warm-up and measured period, prints the round's line, and waits
     * for the exchanges in flight to end ({@value #DRAIN_SECONDS} s at most).
     */
    public static void run(Call call, int concurrency, Round round, int warmupSeconds, int seconds)
            throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(call, round, ended);
        }
        round.measure(warmupSeconds, seconds);
        ended.await(DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    private static void next(Call call, Round round, CountDownLatch ended) {
        if (round.over()) {
            ended.countDown();
            return;
        }
        long start = System.nanoTime();
        CompletionStage<Integer> exchange;
        try {
            exchange = call.call();
        } catch (RuntimeException e) {
            round.writeError();
            ended.countDown();
            return;
        }
        exchange.whenComplete((status, error) -> {
            if (error != null) {
                round.readError();
                ended.countDown();
                return;
            }
            if (status != 200) {
                round.statusError();
            }
            round.completed(start);
            next(call, round, ended);
        });
    }
}
