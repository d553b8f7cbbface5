package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages a legacy signature may have been computed over. The legacy document signs "the minified body", shows
 * the timestamp as a string in its signing example and as a number in its curl example, so partners' code differs:
 * <ol>
 * <li>the received body, minified ({@link JsonWhitespace}) — when there is a JSON body;</li>
 * <li>{@code {"timestamp":"<ts>"}};</li>
 * <li>{@code {"timestamp":<ts>}}.</li>
 * </ol>
 * At the token endpoint there is no JSON body; the timestamp comes from a header and only forms 2 and 3 apply, so a
 * partner signs exactly what it signs for the legacy endpoint.
 */
public final class LegacySignedMessages {

    private LegacySignedMessages() {
    }

    /**
     * @param jsonBody  the body as received (UTF-8), or null when the request has no JSON body
     * @param timestamp the timestamp in milliseconds, as digits
     * @return the distinct candidate messages, in the order above
     */
    public static List<byte[]> candidates(String jsonBody, String timestamp) {
        List<String> messages = new ArrayList<>(3);
        if (jsonBody != null) {
            messages.add(JsonWhitespace.minify(jsonBody));
        }
        String quoted = "{\"timestamp\":\"" + timestamp + "\"}";
        String bare = "{\"timestamp\":" + timestamp + "}";
        if (!messages.contains(quoted)) {
            messages.add(quoted);
        }
        if (!messages.contains(bare)) {
            messages.add(bare);
        }
        return messages.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
