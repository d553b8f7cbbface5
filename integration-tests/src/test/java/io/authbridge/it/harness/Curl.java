package io.authbridge.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one way the tests run the real {@code curl} binary: an HTTP client we did not write, with its own HTTP Digest
 * client ({@code --digest}), a cookie jar, and a given local address ({@code --interface 127.0.0.2}, so Keycloak
 * sees that address as the client's).
 * <p>
 * A builder for one request: {@link #get}, {@link #post} or {@link #options} runs it. curl must exit with 0, or with
 * a code the test accepts with {@link #acceptExitCodes}; any other exit fails the test with curl's command and
 * stderr. The {@link Response} holds the final status, response headers ({@code -D}), body, redirect target, curl's
 * stderr (its trace with {@link #verbose}) and exit code.
 */
public final class Curl {

    private final List<String> args = new ArrayList<>(List.of("curl", "-sS", "-g", "--max-time", "30"));
    private final Set<Integer> acceptedExitCodes = new TreeSet<>(Set.of(0));

    private Curl() {
    }

    /** A request from the local address the system picks. */
    public static Curl request() {
        return new Curl();
    }

    /** A request that leaves from {@code localAddress} (any 127.x.y.z, or ::1). */
    public static Curl from(String localAddress) {
        return new Curl().add("--interface", localAddress);
    }

    public Curl header(String name, String value) {
        return add("-H", name + ": " + value);
    }

    /** One form field, URL-encoded by curl ({@code --data-urlencode name=value}); several are joined with {@code &}. */
    public Curl form(String name, String value) {
        return add("--data-urlencode", name + "=" + value);
    }

    /**
     * The request body exactly as given ({@code --data-binary}), e.g. a pretty-printed JSON document or an encoded
     * form; sent as {@code application/x-www-form-urlencoded} unless a header says otherwise, joined with {@code &}
     * to other body parts and form fields.
     */
    public Curl body(String body) {
        return add("--data-binary", body);
    }

    /** curl's own HTTP Digest client: it sends the request, takes the 401 challenge and answers it. */
    public Curl digestAuth(String user, String password) {
        return add("--digest", "-u", user + ":" + password);
    }

    public Curl basicAuth(String user, String password) {
        return add("-u", user + ":" + password);
    }

    /** Reads cookies from and stores them in {@code jar} (curl's cookie-jar file), as a browser keeps them. */
    public Curl cookieJar(Path jar) {
        return add("-b", jar.toString(), "-c", jar.toString());
    }

    /** curl's trace ({@code -v}) in {@link Response#stderr()}: what {@link Response#sent} reads the request headers from. */
    public Curl verbose() {
        return add("-v");
    }

    /** Exit codes besides 0 that the test expects of curl (7: could not connect, 52: empty reply, …). */
    public Curl acceptExitCodes(int... exitCodes) {
        Arrays.stream(exitCodes).forEach(acceptedExitCodes::add);
        return this;
    }

    public Response get(String url) {
        return run(url);
    }

    public Response post(String url) {
        return add("-X", "POST").run(url);
    }

    public Response options(String url) {
        return add("-X", "OPTIONS").run(url);
    }

    private Curl add(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    private Response run(String url) {
        try {
            Path dir = Files.createTempDirectory("curl");
            try {
                Path headerFile = dir.resolve("headers");
                Path bodyFile = dir.resolve("body");
                Path stderrFile = dir.resolve("stderr");
                List<String> command = new ArrayList<>(args);
                command.addAll(List.of("-D", headerFile.toString(), "-o", bodyFile.toString(),
                        "-w", "%{http_code} %{redirect_url}", url));
                Process process = new ProcessBuilder(command).redirectError(stderrFile.toFile()).start();
                String written = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("curl did not finish (" + String.join(" ", command) + "):\n"
                            + read(stderrFile, StandardCharsets.ISO_8859_1));
                }
                String stderr = read(stderrFile, StandardCharsets.ISO_8859_1);
                if (!acceptedExitCodes.contains(process.exitValue())) {
                    throw new AssertionError("curl exited with " + process.exitValue() + ", expected one of " + acceptedExitCodes
                            + " (" + String.join(" ", command) + "):\n" + stderr);
                }
                String[] statusLine = written.split(" ", 2); // -w: the status code and the redirect target
                return new Response(Integer.parseInt(statusLine[0].strip()), read(bodyFile, StandardCharsets.UTF_8),
                        statusLine.length > 1 ? statusLine[1].strip() : "",
                        headers(read(headerFile, StandardCharsets.ISO_8859_1).lines().toList()), stderr, process.exitValue());
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The file's text, or "" when curl did not write it. */
    private static String read(Path file, Charset charset) throws IOException {
        return Files.exists(file) ? Files.readString(file, charset) : "";
    }

    /** The last response's headers (names lower-cased), as curl wrote them with {@code -D}. */
    private static Map<String, List<String>> headers(List<String> lines) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line : lines) {
            if (line.startsWith("HTTP/")) {
                headers.clear(); // a later response (after a Digest challenge, a redirect or a 100) replaces the earlier one
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

    /**
     * The final response.
     *
     * @param status   the final response's status code; 0 when there was none (see {@code exitCode})
     * @param headers  the final response's headers, names lower-cased
     * @param stderr   what curl wrote to stderr: with {@link #verbose()} its trace of every request and response
     * @param exitCode curl's exit code: 0, or one the test accepted
     */
    public record Response(int status, String body, String redirectUrl, Map<String, List<String>> headers, String stderr,
            int exitCode) {

        /** The first value of a response header (any case), or null. */
        public String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** Every value of a response header (any case), in the order received. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The values of a request header curl sent, over every request of the exchange; needs {@link #verbose()}. */
        public List<String> sent(String name) {
            String prefix = "> " + name.toLowerCase(Locale.ROOT) + ":";
            return stderr.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).toList();
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
            return "HTTP " + status + " " + headers + " " + body + (redirectUrl.isEmpty() ? "" : " -> " + redirectUrl);
        }
    }
}
