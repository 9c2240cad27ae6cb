"""aiohttp peer for benchmarks/run: one process, one asyncio loop, access log off, the shared endpoints, and /ws, a
WebSocket text echo (web.WebSocketResponse, as aiohttp's docs write it).

Run with Debian's python3-aiohttp: /usr/bin/python3 server.py PORT
"""
import sys

from aiohttp import web


async def plaintext(request):
    return web.Response(text="Hello, World!")


async def json(request):
    return web.json_response({"message": "Hello, World!"})


async def user(request):
    return web.Response(text="user " + request.match_info["id"])


async def echo(request):
    return web.Response(body=await request.read(), content_type="application/octet-stream")


async def ws_echo(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == web.WSMsgType.TEXT:
            await ws.send_str(msg.data)
    return ws


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    app = web.Application()
    app.router.add_get("/plaintext", plaintext)
    app.router.add_get("/json", json)
    app.router.add_get("/user/{id}", user)
    app.router.add_post("/echo", echo)
    app.router.add_get("/ws", ws_echo)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
