package io.authbridge.it.digest.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The client application's redirect URI: a page on a free loopback port that only shows the query string Keycloak
 * redirected the browser with ({@code code=…&state=…} or {@code error=…}), and remembers it.
 * <p>
 * The realm registers {@code http://127.0.0.1/callback}: Keycloak accepts any port for a loopback redirect URI
 * (RFC 8252 §7.3), so the static realm JSON fits the port chosen at run time.
 */
final class CallbackPage implements AutoCloseable {

    static final String PATH = "/callback";

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    private CallbackPage(HttpServer server) {
        this.server = server;
    }

    static CallbackPage start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            CallbackPage page = new CallbackPage(server);
            server.createContext(PATH, page::handle);
            server.start();
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/callback} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The raw query strings of every request so far, oldest first. */
    List<String> queries() {
        return List.copyOf(queries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(query == null ? "" : query);
        byte[] body = ("<!DOCTYPE html><html><head><title>tv-portal callback</title></head><body>"
                + "<h1>tv-portal</h1><pre id=\"query\">" + escape(query == null ? "" : query) + "</pre></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
