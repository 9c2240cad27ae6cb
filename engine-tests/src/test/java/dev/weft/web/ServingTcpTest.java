package dev.weft.web;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link ServingContract} over loopback TCP. */
@WeftTest(transport = TestTransport.TCP)
class ServingTcpTest extends ServingContract {
}
