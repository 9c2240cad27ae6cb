package dev.weft.internal.web;

import dev.weft.web.Handler;
import dev.weft.web.HttpMethodNotAllowed;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.View;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routes each request of a {@link View} to the method named after its HTTP method. Which methods the view overrides
 * is found once, by reflection, when the view is registered; requests for the others get 405 with {@code Allow}.
 */
public final class ViewHandler implements Handler {
    private static final String[] VERBS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

    private final View view;
    private final Set<String> allowed;
    private final boolean ownHead;

    public ViewHandler(View view) {
        this.view = view;
        Set<String> found = new TreeSet<>();
        for (String verb : VERBS) {
            if (overrides(view.getClass(), verb.toLowerCase(Locale.ROOT))) {
                found.add(verb);
            }
        }
        if (found.contains("GET")) {
            found.add("HEAD");
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("view " + view.getClass().getName() + " overrides no HTTP method;"
                    + " override get, post, … for the methods it answers");
        }
        this.allowed = Set.copyOf(found);
        this.ownHead = overrides(view.getClass(), "head");
    }

    /** The methods the view answers. */
    public Set<String> allowed() {
        return allowed;
    }

    @Override
    public Reply handle(Request request) throws Exception {
        String method = request.method();
        if (!allowed.contains(method)) {
            return new HttpMethodNotAllowed(method, allowed);
        }
        switch (method) {
            case "GET": return view.get(request);
            case "HEAD": return ownHead ? view.head(request) : view.get(request);
            case "POST": return view.post(request);
            case "PUT": return view.put(request);
            case "PATCH": return view.patch(request);
            case "DELETE": return view.delete(request);
            case "OPTIONS": return view.options(request);
            default: return new HttpMethodNotAllowed(method, allowed);
        }
    }

    private static boolean overrides(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != View.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, Request.class);
                return m.getDeclaringClass() != View.class;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        return false;
    }
}
