package dev.weft.examples.hello

import dev.weft.test.Await.await
import dev.weft.test.TestClients
import dev.weft.test.WeftTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

@WeftTest
class HelloKotlinTest {

    @Test
    fun `greets the world and the name from the path`(clients: TestClients) {
        val client = clients.create(app())

        val root = await(client.get("/"))
        val named = await(client.get("/hello/grace"))

        assertThat(root.status()).isEqualTo(200)
        assertThat(await(root.text())).isEqualTo("Hello, world")
        assertThat(named.status()).isEqualTo(200)
        assertThat(await(named.text())).isEqualTo("Hello, grace")
    }

    @Test
    fun `echoes the body it awaited`(clients: TestClients) {
        val client = clients.create(app())

        val echoed = await(client.post("/echo") { it.text("hi, ada") })

        assertThat(echoed.status()).isEqualTo(200)
        assertThat(await(echoed.text())).isEqualTo("hi, ada")
    }
}
