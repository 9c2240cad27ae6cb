package dev.weft.internal.web;

import dev.weft.http.MultiMap;
import dev.weft.http.UrlCodec;
import dev.weft.web.RouteDef;
import dev.weft.web.RouteTable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link dev.weft.web.Urls} over an application's route table; URLs get the application's mount prefix at call time.
 * It implements the deprecated {@link dev.weft.web.Router} too, so that {@code Application.router()} keeps returning
 * one.
 */
@SuppressWarnings("deprecation")
public final class AppUrls implements dev.weft.web.Router {
    private final RouteTable routes;
    private final Supplier<String> prefix;

    public AppUrls(RouteTable routes, Supplier<String> prefix) {
        this.routes = routes;
        this.prefix = prefix;
    }

    @Override
    public String url(String name, Map<String, String> params, MultiMap query) {
        for (RouteDef r : routes.routes()) {
            if (name.equals(r.name())) {
                String path = UrlCodec.encodePath(prefix.get()) + PathTemplate.parse(r.path()).build(params);
                return query.isEmpty() ? path : path + "?" + UrlCodec.encodeQuery(query);
            }
        }
        throw new IllegalArgumentException("no route named '" + name + "'; named routes here: "
                + routes.routes().stream().filter(r -> r.name() != null).map(RouteDef::name).toList());
    }

    @Override
    public List<RouteDef> routes() {
        return routes.routes();
    }
}
