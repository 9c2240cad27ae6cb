import com.fasterxml.jackson.databind.ObjectMapper
import io.ktor.http.ContentType
import io.ktor.server.application.install
import io.ktor.server.engine.connector
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty
import io.ktor.server.request.receive
import io.ktor.server.response.respondBytes
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.post
import io.ktor.server.routing.routing
import io.ktor.server.websocket.WebSockets
import io.ktor.server.websocket.webSocket
import io.ktor.websocket.Frame
import io.ktor.websocket.readText

/**
 * Ktor (Netty engine) peer for benchmarks/run: the smallest Netty groups Ktor allows, the shared endpoints, and `/ws`,
 * a WebSocket text echo through Ktor's WebSockets plugin (default settings).
 */
data class Message(val message: String)

private val mapper = ObjectMapper()

fun main(args: Array<String>) {
    val port = args.firstOrNull()?.toInt() ?: 8080
    embeddedServer(Netty, configure = {
        connector { this.port = port; host = "127.0.0.1" }
        connectionGroupSize = 1
        workerGroupSize = 1
        callGroupSize = 1
    }) {
        install(WebSockets)
        routing {
            get("/plaintext") { call.respondText("Hello, World!", ContentType.Text.Plain) }
            get("/json") {
                call.respondBytes(mapper.writeValueAsBytes(Message("Hello, World!")), ContentType.Application.Json)
            }
            get("/user/{id}") { call.respondText("user " + call.parameters["id"], ContentType.Text.Plain) }
            post("/echo") { call.respondBytes(call.receive<ByteArray>(), ContentType.Application.OctetStream) }
            webSocket("/ws") {
                for (frame in incoming) {
                    if (frame is Frame.Text) {
                        send(Frame.Text(frame.readText()))
                    }
                }
            }
        }
    }.start(wait = true)
}
