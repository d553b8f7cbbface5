package io.authbridge.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the real {@code curl} binary: an HTTP client we did not write, which can also bind the request to a given
 * local address ({@code --interface 127.0.0.2}), so Keycloak sees that address as the client's.
 */
public final class Curl {

    private final List<String> args = new ArrayList<>(List.of("curl", "-sS", "-g", "--max-time", "30"));

    private Curl() {
    }

    /** A request that leaves from {@code localAddress} (any 127.x.y.z, or ::1). */
    public static Curl from(String localAddress) {
        Curl curl = new Curl();
        curl.args.addAll(List.of("--interface", localAddress));
        return curl;
    }

    public Curl header(String name, String value) {
        args.addAll(List.of("-H", name + ": " + value));
        return this;
    }

    public Curl form(String name, String value) {
        args.addAll(List.of("--data-urlencode", name + "=" + value));
        return this;
    }

    /** The request body exactly as given ({@code --data-binary}), e.g. a pretty-printed JSON document. */
    public Curl body(String body) {
        args.addAll(List.of("--data-binary", body));
        return this;
    }

    /** curl's own HTTP Digest client: it sends the request, takes the 401 challenge and answers it. */
    public Curl digestAuth(String user, String password) {
        args.addAll(List.of("--digest", "-u", user + ":" + password));
        return this;
    }

    public Curl basicAuth(String user, String password) {
        args.addAll(List.of("-u", user + ":" + password));
        return this;
    }

    public Response get(String url) {
        return run(url);
    }

    public Response post(String url) {
        args.addAll(List.of("-X", "POST"));
        return run(url);
    }

    /** Reads cookies from and stores them in {@code jar} (curl's cookie-jar file), as a browser keeps them. */
    public Curl cookieJar(Path jar) {
        args.addAll(List.of("-b", jar.toString(), "-c", jar.toString()));
        return this;
    }

    public Response options(String url) {
        args.addAll(List.of("-X", "OPTIONS"));
        return run(url);
    }

    private Response run(String url) {
        // Body first, then a line with the status code and the redirect target; response headers to a file.
        try {
            Path headerFile = Files.createTempFile("curl-headers", ".txt");
            try {
                args.addAll(List.of("-D", headerFile.toString(), "-o", "-", "-w", "\n%{http_code} %{redirect_url}", url));
                Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("curl failed (" + String.join(" ", args) + "):\n" + output);
                }
                int split = output.lastIndexOf('\n');
                String[] statusLine = output.substring(split + 1).split(" ", 2);
                return new Response(Integer.parseInt(statusLine[0]), output.substring(0, split),
                        statusLine.length > 1 ? statusLine[1] : "",
                        headers(Files.readAllLines(headerFile, StandardCharsets.ISO_8859_1)));
            } finally {
                Files.deleteIfExists(headerFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last response's headers (names lower-cased), as curl wrote them with {@code -D}. */
    private static Map<String, List<String>> headers(List<String> lines) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line : lines) {
            if (line.startsWith("HTTP/")) {
                headers.clear(); // a later response (after a redirect or a 100) replaces the earlier one
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
        }
        return headers;
    }

    public record Response(int status, String body, String redirectUrl, Map<String, List<String>> headers) {

        /** The first value of a response header (any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Asserts an OAuth error response: this status and {@code "error"} value. */
        public Response assertError(int expectedStatus, String expectedError) {
            org.assertj.core.api.Assertions.assertThat(status).as(toString()).isEqualTo(expectedStatus);
            org.assertj.core.api.Assertions.assertThat(json().path("error").asText()).as(toString()).isEqualTo(expectedError);
            return this;
        }

        public JsonNode json() {
            try {
                return TestRealm.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body + (redirectUrl.isEmpty() ? "" : " -> " + redirectUrl);
        }
    }
}
