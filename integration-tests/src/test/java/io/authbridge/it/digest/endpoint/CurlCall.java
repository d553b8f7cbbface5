package io.authbridge.it.digest.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.it.harness.TestRealm;

/**
 * The real {@code curl} binary with the options the Digest login needs and the shared harness's {@code Curl} does
 * not offer: {@code --digest}, a cookie jar, the response headers of the final response, and curl's verbose trace
 * (to see the {@code Authorization} header curl computed).
 */
final class CurlCall {

    private final List<String> args = new ArrayList<>(List.of("curl", "-sS", "-g", "--max-time", "30"));

    static CurlCall curl() {
        return new CurlCall();
    }

    CurlCall from(String localAddress) {
        return add("--interface", localAddress);
    }

    CurlCall digest(String user, String password) {
        return add("--digest", "-u", user + ":" + password);
    }

    CurlCall header(String name, String value) {
        return add("-H", name + ": " + value);
    }

    /** Sends the body as is (POST). */
    CurlCall data(String body) {
        return add("--data-binary", body);
    }

    CurlCall cookieJar(Path jar) {
        return add("-b", jar.toString(), "-c", jar.toString());
    }

    CurlCall verbose() {
        return add("-v");
    }

    CurlCall add(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    Result get(String url) {
        return run(url);
    }

    Result post(String url) {
        return add("-X", "POST").run(url);
    }

    private Result run(String url) {
        try {
            Path headers = Files.createTempFile("curl-headers", ".txt");
            Path stderr = Files.createTempFile("curl-stderr", ".txt");
            try {
                List<String> command = new ArrayList<>(args);
                command.addAll(List.of("-D", headers.toString(), "-o", "-", "-w", "\n%{http_code}", url));
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("curl failed (" + String.join(" ", command) + "):\n" + output
                            + Files.readString(stderr));
                }
                int split = output.lastIndexOf('\n');
                return new Result(Integer.parseInt(output.substring(split + 1).strip()), output.substring(0, split),
                        lastResponseHeaders(Files.readString(headers, StandardCharsets.ISO_8859_1)),
                        Files.readString(stderr, StandardCharsets.ISO_8859_1));
            } finally {
                Files.deleteIfExists(headers);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code -D} holds the headers of every response (401, then 200 with --digest): keep the last block. */
    private static Map<String, List<String>> lastResponseHeaders(String dump) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : dump.split("\r?\n")) {
            if (line.startsWith("HTTP/")) {
                headers.clear();
            } else if (line.contains(":")) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    record Result(int status, String body, Map<String, List<String>> headers, String trace) {

        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** The Authorization headers curl sent, from its verbose trace. */
        List<String> sentAuthorizations() {
            return trace.lines().filter(line -> line.regionMatches(true, 0, "> Authorization:", 0, 16))
                    .map(line -> line.substring(16).strip()).toList();
        }

        JsonNode json() {
            try {
                return TestRealm.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + headers + " " + body;
        }
    }
}
