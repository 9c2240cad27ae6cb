package dev.weft.kotlin

import dev.weft.web.AppKey
import dev.weft.web.Response
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.Test

/** [application] and [ApplicationScope] as configuration (signals and middlewares run in engine-tests). */
class ApplicationScopeTest {
    private val db: AppKey<String> = AppKey.of("db", String::class.java)

    @Test
    fun `the builder sets state, routes, tables and sub-applications on a new application`() {
        val shared = routes { get("/shared") { Response.text("shared") } }
        val admin = application { routes { get("/panel", name = "panel") { Response.text("panel") } } }

        val app = application {
            this[db] = "pool"
            routes { get("/") { Response.text("home") } }
            addRoutes(shared)
            subapp("/admin", admin)
        }

        assertThat(app.require(db)).isEqualTo("pool")
        assertThat(app.urls().routes().map { it.path() }).containsExactly("/", "/shared")
        assertThat(admin.parent()).isSameAs(app)
        assertThat(admin.urls().url("panel")).isEqualTo("/admin/panel")
    }

    @Test
    fun `the scope gives the application for what the DSL leaves out`() {
        val app = application { app.clientMaxSize(42) }

        assertThat(app.clientMaxSize()).isEqualTo(42)
    }

    @Test
    fun `a frozen application refuses new routes from the DSL`() {
        val app = application { routes { get("/") { Response.text("home") } } }
        app.freeze()

        assertThatThrownBy { app.routes { get("/late") { Response.text("late") } } }
            .isInstanceOf(IllegalStateException::class.java)
            .hasMessageContaining("/late")
    }
}
