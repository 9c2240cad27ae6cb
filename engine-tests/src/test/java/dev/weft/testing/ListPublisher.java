package dev.weft.testing;

import java.util.List;
import java.util.concurrent.Flow;

/**
 * A cold publisher of a list of chunks that honours demand: the next chunk only when requested. A streamed request
 * body in the client's and the server's tests ({@code RequestOptions.stream}), sent chunked.
 */
public final class ListPublisher implements Flow.Publisher<byte[]> {
    private final List<byte[]> chunks;

    public ListPublisher(List<byte[]> chunks) {
        this.chunks = chunks;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private boolean done;

            @Override
            public synchronized void request(long n) {
                for (long i = 0; i < n && !done; i++) {
                    if (next < chunks.size()) {
                        subscriber.onNext(chunks.get(next++));
                    }
                    if (next == chunks.size() && !done) {
                        done = true;
                        subscriber.onComplete();
                    }
                }
            }

            @Override
            public synchronized void cancel() {
                done = true;
            }
        });
    }
}
