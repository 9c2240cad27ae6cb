package dev.weft.web.stream;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link StreamResponseContract} in memory. */
@WeftTest(transport = TestTransport.MEMORY)
class StreamResponseInMemoryTest extends StreamResponseContract {
}
