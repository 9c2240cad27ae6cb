package dev.weft.test;

/** {@link TestClientContract} over the in-memory transport. */
@WeftTest(transport = TestTransport.MEMORY)
class TestClientInMemoryTest extends TestClientContract {
}
