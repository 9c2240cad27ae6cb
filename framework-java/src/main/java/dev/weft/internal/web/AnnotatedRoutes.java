package dev.weft.internal.web;

import dev.weft.web.Delete;
import dev.weft.web.Get;
import dev.weft.web.Handler;
import dev.weft.web.Patch;
import dev.weft.web.Post;
import dev.weft.web.Put;
import dev.weft.web.Reply;
import dev.weft.web.Request;
import dev.weft.web.Route;
import dev.weft.web.RouteTable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletionStage;

/**
 * Reads {@code @Get}, {@code @Post}, … methods of a plain object into a {@link RouteTable}. Signatures are checked
 * here, once: a handler method is public, takes one {@link Request}, and returns a {@link Reply} (a {@code Response},
 * an {@code HttpException}) or a {@link CompletionStage} of one. Each becomes a {@link Handler} calling a bound
 * method handle, so no reflection happens per request.
 */
public final class AnnotatedRoutes {
    private AnnotatedRoutes() {
    }

    public static void register(Object target, RouteTable table) {
        refuseHidden(target.getClass());
        Method[] methods = target.getClass().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName)); // getMethods() order is unspecified
        int found = 0;
        for (Method m : methods) {
            found += add(target, m, table);
        }
        if (found == 0) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no public method annotated with"
                    + " @Get, @Post, @Put, @Patch, @Delete or @Route");
        }
    }

    /** getMethods() sees public methods only: an annotated method that is not public would be skipped silently. */
    private static void refuseHidden(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) && isRoute(m)) {
                    throw new IllegalArgumentException(c.getName() + "." + m.getName() + " is annotated as a route"
                            + " but is not public; make it public");
                }
            }
        }
    }

    private static boolean isRoute(Method m) {
        return m.isAnnotationPresent(Get.class) || m.isAnnotationPresent(Post.class)
                || m.isAnnotationPresent(Put.class) || m.isAnnotationPresent(Patch.class)
                || m.isAnnotationPresent(Delete.class) || m.isAnnotationPresent(Route.class);
    }

    private static int add(Object target, Method m, RouteTable table) {
        int n = 0;
        Get get = m.getAnnotation(Get.class);
        if (get != null) {
            n += add(table, "GET", get.value(), get.name(), target, m);
        }
        Post post = m.getAnnotation(Post.class);
        if (post != null) {
            n += add(table, "POST", post.value(), post.name(), target, m);
        }
        Put put = m.getAnnotation(Put.class);
        if (put != null) {
            n += add(table, "PUT", put.value(), put.name(), target, m);
        }
        Patch patch = m.getAnnotation(Patch.class);
        if (patch != null) {
            n += add(table, "PATCH", patch.value(), patch.name(), target, m);
        }
        Delete delete = m.getAnnotation(Delete.class);
        if (delete != null) {
            n += add(table, "DELETE", delete.value(), delete.name(), target, m);
        }
        Route route = m.getAnnotation(Route.class);
        if (route != null) {
            n += add(table, route.method(), route.path(), route.name(), target, m);
        }
        return n;
    }

    private static int add(RouteTable table, String method, String path, String name, Object target, Method m) {
        Handler h = handlerFor(target, m);
        if (name.isEmpty()) {
            table.route(method, path, h);
        } else {
            table.route(method, path, name, h);
        }
        return 1;
    }

    private static Handler handlerFor(Object target, Method m) {
        String where = m.getDeclaringClass().getName() + "." + m.getName();
        if (Modifier.isStatic(m.getModifiers())) {
            throw new IllegalArgumentException(where + " is static; route methods are instance methods");
        }
        if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != Request.class) {
            throw new IllegalArgumentException(where + " must take exactly one parameter of type Request");
        }
        Class<?> ret = m.getReturnType();
        boolean replies = Reply.class.isAssignableFrom(ret);
        boolean stage = CompletionStage.class.isAssignableFrom(ret);
        if (!replies && !stage) {
            throw new IllegalArgumentException(where + " returns " + ret.getSimpleName() + "; a route method returns"
                    + " Reply, Response, HttpException or CompletionStage<Response>");
        }
        MethodHandle bound;
        try {
            m.setAccessible(true);
            bound = MethodHandles.lookup().unreflect(m).bindTo(target);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException(where + " cannot be called: make it and its class public", e);
        }
        if (replies) {
            return request -> (Reply) invoke(bound, request);
        }
        return request -> {
            @SuppressWarnings("unchecked")
            CompletionStage<? extends Reply> s = (CompletionStage<? extends Reply>) invoke(bound, request);
            return Reply.async(s);
        };
    }

    private static Object invoke(MethodHandle h, Request request) throws Exception {
        try {
            return h.invoke(request);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new InvocationTargetException(t);
        }
    }
}
