package dev.weft.web.files;

import dev.weft.test.TestTransport;
import dev.weft.test.WeftTest;

/** {@link FileResponseContract} in memory: the file is read in parts, off the loop. */
@WeftTest(transport = TestTransport.MEMORY)
class FileResponseInMemoryTest extends FileResponseContract {
}
