import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves the cookie-exchange demo page (index.html beside this file) with its Keycloak URL, realm and client filled
 * in. A single-file program for the JDK's launcher: {@code java docker/spa/SpaServer.java 8081 http://localhost:8080
 * authbridge-demo demo-spa}. Run by {@code run-demo.sh}.
 */
public class SpaServer {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        String page = Files.readString(Path.of(args.length > 4 ? args[4] : "docker/spa/index.html"))
                .replace("__KEYCLOAK_URL__", args[1])
                .replace("__REALM__", args[2])
                .replace("__CLIENT_ID__", args[3]);
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("Cookie-exchange demo page: http://localhost:" + port + "/");
    }
}
