package dev.weft.web.stream;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link EventSourceContract} over loopback TCP. */
@WeftTest(transport = TestTransport.TCP)
class EventSourceTcpTest extends EventSourceContract {
}
