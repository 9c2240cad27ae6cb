package dev.weft.web.stream;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link EventSourceContract} in memory. */
@WeftTest(transport = TestTransport.MEMORY)
class EventSourceInMemoryTest extends EventSourceContract {
}
