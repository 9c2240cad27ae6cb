package dev.weft.web.files;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link FileResponseContract} over loopback TCP: the file goes by {@code sendfile}. */
@WeftTest(transport = TestTransport.TCP)
class FileResponseTcpTest extends FileResponseContract {
}
