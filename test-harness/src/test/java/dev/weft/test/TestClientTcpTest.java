package dev.weft.test;

/** {@link TestClientContract} over loopback TCP. */
@WeftTest(transport = TestTransport.TCP)
class TestClientTcpTest extends TestClientContract {
}
