package io.authbridge.it.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs and hashes with the real {@code openssl} binary, as a partner's shell script would, so that tests of the
 * HMAC endpoints do not check AuthBridge's signing code against itself.
 */
public final class OpenSsl {

    private OpenSsl() {
    }

    /** {@code printf '%s' MESSAGE | openssl dgst -sha256 -hmac SECRET}: lowercase hex. */
    public static String hmacSha256Hex(String secret, String message) {
        return digest(List.of("openssl", "dgst", "-sha256", "-hmac", secret), message);
    }

    /** {@code printf '%s' MESSAGE | openssl dgst -sha256}: lowercase hex. */
    public static String sha256Hex(String message) {
        return digest(List.of("openssl", "dgst", "-sha256"), message);
    }

    private static String digest(List<String> command, String message) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(message.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + output);
            }
            // "SHA2-256(stdin)= 9f86…" or "(stdin)= 9f86…", depending on the OpenSSL version
            return output.substring(output.lastIndexOf(' ') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
