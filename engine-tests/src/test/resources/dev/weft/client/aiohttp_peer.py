"""An aiohttp server for ClientInteropTest: prints its port, then serves until stdin closes."""
import asyncio
import sys

from aiohttp import web


async def hello(request):
    return web.Response(text="hello from aiohttp")


async def echo_json(request):
    data = await request.json()
    return web.json_response({"got": data, "method": request.method})


async def set_cookie(request):
    resp = web.Response(text="set")
    resp.set_cookie("flavour", "oat", path="/")
    return resp


async def cookies(request):
    return web.Response(text=request.cookies.get("flavour", "none"))


async def redirect(request):
    raise web.HTTPFound("/hello")


async def redirect_307(request):
    raise web.HTTPTemporaryRedirect("/echo-json")


async def compressed(request):
    resp = web.Response(text="zipped " * 500)
    resp.enable_compression(web.ContentCoding.gzip)
    return resp


async def chunked(request):
    resp = web.StreamResponse()
    resp.enable_chunked_encoding()
    await resp.prepare(request)
    for i in range(100):
        await resp.write(b"chunk%d;" % i)
    await resp.write_eof()
    return resp


async def upload(request):
    form = await request.post()
    out = {}
    for name, value in form.items():
        if isinstance(value, str):
            out[name] = value
        else:
            out[name] = {"filename": value.filename, "type": value.content_type, "body": value.file.read().decode()}
    return web.json_response(out)


async def ws_echo(request):
    # compress=True: aiohttp compresses what it sends when the client offers permessage-deflate
    ws = web.WebSocketResponse(protocols=("chat",), compress=True, max_msg_size=16 * 1024 * 1024)
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == web.WSMsgType.TEXT:
            if msg.data == "close":
                await ws.close(code=4001, message=b"asked to")
            else:
                await ws.send_str(msg.data)
        elif msg.type == web.WSMsgType.BINARY:
            await ws.send_bytes(msg.data)
    return ws


async def main():
    app = web.Application()
    app.router.add_get("/hello", hello)
    app.router.add_post("/echo-json", echo_json)
    app.router.add_get("/set-cookie", set_cookie)
    app.router.add_get("/cookies", cookies)
    app.router.add_get("/redirect", redirect)
    app.router.add_post("/redirect-307", redirect_307)
    app.router.add_get("/compressed", compressed)
    app.router.add_get("/chunked", chunked)
    app.router.add_post("/upload", upload)
    app.router.add_get("/ws", ws_echo)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the test closes our stdin
    await runner.cleanup()


asyncio.run(main())
