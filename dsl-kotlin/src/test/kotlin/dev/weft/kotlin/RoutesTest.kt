package dev.weft.kotlin

import dev.weft.web.Application
import dev.weft.web.HttpNotFound
import dev.weft.web.Response
import dev.weft.web.RouteDef
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

/** [routes] and [Routes]: what the DSL puts in a route table (serving them is tested in engine-tests). */
class RoutesTest {

    private fun List<RouteDef>.described() = map { listOfNotNull(it.method(), it.path(), it.name()).joinToString(" ") }

    @Test
    fun `every method of the DSL adds its route in order, with its name when given`() {
        val table = routes {
            get("/") { Response.text("home") }
            get("/users/{id}", name = "user") { req -> Response.text(req.param("id")) }
            post("/p") { Response.text("p") }
            post("/p2", "post-named") { HttpNotFound() }
            put("/u") { Response.text("u") }
            patch("/u") { Response.text("u") }
            delete("/u", name = "delete-u") { Response.empty(204) }
            head("/h") { Response.empty(200) }
            options("/o") { Response.text("o") }
            route("*", "/any") { req -> Response.text(req.method()) }
            route("purge", "/cache", "purge") { Response.empty(204) }
        }

        assertThat(table.routes().described()).containsExactly(
            "GET /", "GET /users/{id} user", "POST /p", "POST /p2 post-named", "PUT /u", "PATCH /u",
            "DELETE /u delete-u", "HEAD /h", "OPTIONS /o", "* /any", "PURGE /cache purge",
        )
    }

    @Test
    fun `static files are a GET route with the tail of the prefix`() {
        val table = routes { staticFiles("/static", java.nio.file.Path.of("public"), showIndex = true) }

        assertThat(table.routes().described()).containsExactly("GET /static/{filename:.*}")
    }

    @Test
    fun `routes added to an application are reversible by name`() {
        val app = Application.create()

        val table = app.routes { get("/users/{id}", name = "user") { Response.text("u") } }

        assertThat(table).isSameAs(app.routes())
        assertThat(app.urls().url("user", mapOf("id" to "42"))).isEqualTo("/users/42")
    }

    @Test
    fun `a route added twice is refused with the Java API's message`() {
        assertThatThrownBy {
            routes {
                get("/a") { Response.text("1") }
                get("/a") { Response.text("2") }
            }
        }.isInstanceOf(IllegalArgumentException::class.java).hasMessageContaining("Route GET /a already exists")
    }

    @Test
    fun `a malformed path is refused when the route is added`() {
        assertThatThrownBy { routes { get("/users/{id") { Response.text("x") } } }
            .isInstanceOf(IllegalArgumentException::class.java)
    }

    @Test
    fun `the table is there for what the DSL leaves out`() {
        val table = routes {
            table.get("/java") { Response.text("a Java handler") }
            get("/kotlin") { Response.text("a suspend handler") }
        }

        assertThat(table.routes().described()).containsExactly("GET /java", "GET /kotlin")
    }
}
