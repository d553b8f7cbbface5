package io.authbridge.it.digest.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.authbridge.it.harness.TestRealm;

/**
 * One run of the real {@code curl} (which answers Digest challenges itself with {@code --digest}), keeping what a
 * test needs: the final status, body and headers, and the request headers curl sent ({@code -v}).
 */
record CurlExchange(int status, String body, List<String> headers, List<String> sentHeaders) {

    static CurlExchange run(List<String> args, String url) {
        try {
            Path dir = Files.createTempDirectory("curl");
            try {
                Path headerFile = dir.resolve("headers");
                Path bodyFile = dir.resolve("body");
                Path traceFile = dir.resolve("trace");
                List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "30",
                        "-D", headerFile.toString(), "-o", bodyFile.toString(), "-w", "%{http_code}"));
                command.addAll(args);
                command.add(url);
                Process process = new ProcessBuilder(command).redirectError(traceFile.toFile()).start();
                String status = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("curl failed (" + String.join(" ", command) + "):\n" + Files.readString(traceFile));
                }
                return new CurlExchange(Integer.parseInt(status),
                        Files.exists(bodyFile) ? Files.readString(bodyFile) : "",
                        lastResponseHeaders(Files.readAllLines(headerFile, StandardCharsets.ISO_8859_1)),
                        sentHeaders(Files.readAllLines(traceFile, StandardCharsets.ISO_8859_1)));
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

    /** {@code -D} writes the headers of every response (the 401 challenge, then the answer): keep the last. */
    private static List<String> lastResponseHeaders(List<String> lines) {
        List<String> last = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("HTTP/")) {
                last.clear();
            }
            if (!line.isBlank()) {
                last.add(line.strip());
            }
        }
        return last;
    }

    /** {@code -v} prints each request header curl sent as "> Name: value". */
    private static List<String> sentHeaders(List<String> trace) {
        return trace.stream().filter(line -> line.startsWith("> ")).map(line -> line.substring(2).strip()).toList();
    }

    /** Values of a header of the final response. */
    List<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).toList();
    }

    /** Values of a request header curl sent, over every request of the exchange. */
    List<String> sent(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return sentHeaders.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip()).toList();
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
