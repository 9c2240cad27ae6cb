package dev.weft.web;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link ServingContract} in memory. */
@WeftTest(transport = TestTransport.MEMORY)
class ServingInMemoryTest extends ServingContract {
}
