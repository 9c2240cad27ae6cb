package dev.weft.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.test.TestClient;
import dev.weft.test.TestClients;
import dev.weft.test.TestServer;
import dev.weft.test.TestServers;
import dev.weft.test.WeftTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@WeftTest
class ApplicationTest {
    private static final AppKey<String> NAME = AppKey.of("name", String.class);
    private static final AppKey<Integer> COUNT = AppKey.of("count", Integer.class);

    @Test
    void state_values_are_typed_by_their_key() {
        Application app = Application.create().set(NAME, "weft").set(COUNT, 3);
        String name = app.get(NAME);
        int count = app.require(COUNT);
        assertThat(name).isEqualTo("weft");
        assertThat(count).isEqualTo(3);
        assertThat(app.has(NAME)).isTrue();
    }

    @Test
    void a_missing_key_gives_null_from_get() {
        assertThat(Application.create().get(NAME)).isNull();
        assertThat(Application.create().has(NAME)).isFalse();
    }

    @Test
    void require_of_a_missing_key_fails_naming_the_key() {
        assertThatThrownBy(() -> Application.create().require(COUNT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("count")
                .hasMessageContaining("Integer")
                .hasMessageContaining("not set");
    }

    @Test
    void keys_compare_by_identity_not_by_name() {
        AppKey<String> other = AppKey.of("name", String.class);
        Application app = Application.create().set(NAME, "first").set(other, "second");
        assertThat(app.get(NAME)).isEqualTo("first");
        assertThat(app.get(other)).isEqualTo("second");
        assertThat(other).isNotEqualTo(NAME);
    }

    @Test
    void generic_keys_hold_generic_values() {
        AppKey<List<String>> names = AppKey.ofGeneric("names", List.class);
        Application app = Application.create().set(names, List.of("a", "b"));
        List<String> got = app.require(names);
        assertThat(got).containsExactly("a", "b");
        assertThat(names.type()).isEqualTo(List.class);
        assertThat(names.toString()).isEqualTo("AppKey(names: List)");
    }

    @Test
    void a_value_can_be_replaced_and_removed() {
        Application app = Application.create().set(NAME, "a").set(NAME, "b");
        assertThat(app.get(NAME)).isEqualTo("b");
        assertThat(app.remove(NAME)).isEqualTo("b");
        assertThat(app.has(NAME)).isFalse();
    }

    @Test
    void a_null_value_is_refused() {
        assertThatThrownBy(() -> Application.create().set(NAME, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }

    @Test
    void handlers_read_the_state_of_their_application(TestClients clients) {
        Application app = Application.create().set(NAME, "from state");
        app.routes().get("/", req -> Response.text(req.app().require(NAME)));
        assertThat(Answer.text(clients.create(app).get("/"))).isEqualTo("from state");
    }

    @Test
    void a_started_application_is_frozen(TestServers servers) {
        Application app = Application.create();
        app.routes().get("/", req -> Response.text("hi"));
        assertThat(app.isFrozen()).isFalse();
        TestServer server = servers.start(app);
        assertThat(server.app().isFrozen()).isTrue();
    }

    @Test
    void frozen_application_rejects_new_routes(TestClients clients) {
        TestClient client = clients.create(Application.create());
        Application app = client.app();
        assertFrozen(() -> app.routes().get("/late", req -> Response.text("late")), "GET /late");
        assertFrozen(() -> app.addRoutes(RouteTable.create().post("/late", req -> Response.text("late"))),
                "add routes");
        assertThat(Answer.status(client.get("/late"))).isEqualTo(404);
    }

    @Test
    void frozen_application_rejects_new_middlewares_signals_and_sub_applications(TestServers servers) {
        Application app = servers.start(Application.create()).app();
        assertFrozen(() -> app.use((req, next) -> next.handle(req)), "add a middleware");
        assertFrozen(() -> app.onStartup(a -> null), "add a startup signal");
        assertFrozen(() -> app.onShutdown(a -> null), "add a shutdown signal");
        assertFrozen(() -> app.onCleanup(a -> null), "add a cleanup signal");
        assertFrozen(() -> app.cleanupContext(a -> () -> null), "add a cleanup context");
        assertFrozen(() -> app.addSubapp("/admin", Application.create()), "add a sub-application");
        assertFrozen(() -> app.addDomain("example.com", Application.create()),
                "add a domain sub-application");
        assertFrozen(() -> app.clientMaxSize(10), "change clientMaxSize");
        assertFrozen(() -> app.jsonCodec(dev.weft.json.JsonCodec.jackson()), "change the JSON codec");
    }

    @Test
    void sub_applications_freeze_with_their_parent(TestServers servers) {
        Application admin = Application.create();
        Application app = Application.create().addSubapp("/admin", admin);
        TestServer server = servers.start(app);
        assertThat(server.app().isFrozen()).isTrue();
        assertThat(admin.isFrozen()).isTrue();
        assertFrozen(() -> admin.routes().get("/late", req -> Response.text("late")), "GET /late");
        assertFrozen(() -> admin.use((req, next) -> next.handle(req)), "add a middleware");
    }

    @Test
    void state_stays_settable_after_start(TestClients clients) {
        Application app = Application.create().set(NAME, "before");
        app.routes().get("/", req -> Response.text(req.app().require(NAME)));
        TestClient client = clients.create(app);
        assertThat(Answer.text(client.get("/"))).isEqualTo("before");
        app.set(NAME, "after");
        assertThat(Answer.text(client.get("/"))).isEqualTo("after");
    }

    @Test
    void an_application_is_mounted_once() {
        Application sub = Application.create();
        Application.create().addSubapp("/a", sub);
        assertThatThrownBy(() -> Application.create().addSubapp("/b", sub))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already mounted at '/a'");
    }

    @Test
    void an_application_cannot_mount_itself() {
        Application app = Application.create();
        assertThatThrownBy(() -> app.addSubapp("/self", app)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its own sub-application");
    }

    @Test
    void an_application_cannot_mount_its_own_ancestor() {
        Application root = Application.create();
        Application child = Application.create();
        root.addSubapp("/child", child);
        Application grandchild = Application.create();
        child.addSubapp("/g", grandchild);
        // root is not mounted anywhere, so only a cycle check can refuse this
        assertThatThrownBy(() -> grandchild.addSubapp("/root", root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void a_started_application_cannot_be_mounted(TestServers servers) {
        Application started = servers.start(Application.create()).app();
        assertThatThrownBy(() -> Application.create().addSubapp("/x", started))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
    }

    @Test
    void a_sub_application_prefix_must_be_a_static_path() {
        for (String bad : new String[] {"admin", "/admin/", "/", "", "/{id}"}) {
            assertThatThrownBy(() -> Application.create().addSubapp(bad, Application.create())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. \"/admin\"");
        }
    }

    @Test
    void a_domain_must_look_like_a_host_name() {
        Application.create().addDomain("example.com", Application.create());
        Application.create().addDomain("*.example.com", Application.create());
        Application.create().addDomain("localhost:8080", Application.create());
        for (String bad : new String[] {"", "exa mple.com", "*example.com", "a.*.com", "http://example.com"}) {
            assertThatThrownBy(() -> Application.create().addDomain(bad, Application.create())).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a domain");
        }
    }

    @Test
    void a_sub_application_cannot_be_run_on_its_own() {
        Application sub = Application.create();
        Application.create().addSubapp("/a", sub);
        assertThatThrownBy(() -> AppRunner.create(sub)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sub-application");
    }

    @Test
    void client_max_size_must_not_be_negative() {
        assertThatThrownBy(() -> Application.create().clientMaxSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientMaxSize");
        assertThat(Application.create().clientMaxSize()).isEqualTo(Application.DEFAULT_CLIENT_MAX_SIZE_BYTES);
    }

    private static void assertFrozen(Runnable change, String what) {
        assertThatThrownBy(change::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(what)
                .hasMessageContaining("started");
    }

}
