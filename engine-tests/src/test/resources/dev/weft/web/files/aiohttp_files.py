# An aiohttp server answering GET/HEAD /file with web.FileResponse(argv[1]), for the differential test of
# Weft's Response.file. Prints its port, then serves until its standard input closes.
import asyncio
import sys

from aiohttp import web


async def main():
    path = sys.argv[1]

    async def file(request):
        return web.FileResponse(path)

    app = web.Application()
    app.router.add_get("/file", file)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(site._server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


asyncio.run(main())
