package io.authbridge.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    private Response run(String url) {
        // Body first, then a line with the status code and the redirect target.
        args.addAll(List.of("-o", "-", "-w", "\n%{http_code} %{redirect_url}", url));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("curl failed (" + String.join(" ", args) + "):\n" + output);
            }
            int split = output.lastIndexOf('\n');
            String[] statusLine = output.substring(split + 1).split(" ", 2);
            return new Response(Integer.parseInt(statusLine[0]), output.substring(0, split),
                    statusLine.length > 1 ? statusLine[1] : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, String redirectUrl) {

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
