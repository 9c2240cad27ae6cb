package dev.weft.web;

/** Started in a child JVM by {@link ServerRunTest}: serves on the port given, stops on SIGTERM. */
public final class ServerRunMain {
    private ServerRunMain() {
    }

    public static void main(String[] args) {
        Application app = Application.create();
        app.routes().get("/", r -> Response.text("up"));
        app.onCleanup(a -> {
            System.out.println("CLEANUP-RAN");
            return null;
        });
        Server.run(app, "127.0.0.1", Integer.parseInt(args[0]));
    }
}
