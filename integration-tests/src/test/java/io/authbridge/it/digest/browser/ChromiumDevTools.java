package io.authbridge.it.digest.browser;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * A second DevTools session on a page, for what Playwright's API does not show:
 * <ul>
 *   <li>the request headers Chromium's network stack really sent, including the {@code Authorization} header it
 *       computed when it answered a Digest challenge (neither DevTools nor Playwright report the request headers of the retry that answers a challenge, only those of
 *       the first attempt: the header is seen on requests where Chromium sends it preemptively);</li>
 *   <li>the user pressing <em>Cancel</em> in the browser's credentials prompt. Headless Chromium has no prompt: a
 *       401 challenge that nobody answers fails the navigation ({@code net::ERR_INVALID_AUTH_CREDENTIALS}). With
 *       {@link #cancelAuthPrompts} the challenge is answered {@code CancelAuth}, which is what the prompt's Cancel
 *       button does: the browser renders the 401 response's body.</li>
 * </ul>
 */
final class ChromiumDevTools {

    private final CDPSession cdp;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> cancelledPrompts = new CopyOnWriteArrayList<>();

    private ChromiumDevTools(CDPSession cdp) {
        this.cdp = cdp;
    }

    static ChromiumDevTools attach(BrowserContext context, Page page) {
        ChromiumDevTools devTools = new ChromiumDevTools(context.newCDPSession(page));
        devTools.cdp.on("Network.requestWillBeSentExtraInfo", devTools::onHeadersSent);
        devTools.cdp.send("Network.enable");
        return devTools;
    }

    /** Answers every credentials prompt for URLs starting with {@code urlPrefix} like a user pressing Cancel. */
    ChromiumDevTools cancelAuthPrompts(String urlPrefix) {
        cdp.on("Fetch.requestPaused", event -> cdp.send("Fetch.continueRequest", requestId(event)));
        cdp.on("Fetch.authRequired", event -> {
            cancelledPrompts.add(event.getAsJsonObject("request").get("url").getAsString());
            JsonObject answer = requestId(event);
            JsonObject response = new JsonObject();
            response.addProperty("response", "CancelAuth");
            answer.add("authChallengeResponse", response);
            cdp.send("Fetch.continueWithAuth", answer);
        });
        JsonObject pattern = new JsonObject();
        pattern.addProperty("urlPattern", urlPrefix + "*");
        pattern.addProperty("requestStage", "Request");
        JsonArray patterns = new JsonArray();
        patterns.add(pattern);
        JsonObject params = new JsonObject();
        params.addProperty("handleAuthRequests", true);
        params.add("patterns", patterns);
        cdp.send("Fetch.enable", params);
        return this;
    }

    /** Every {@code Authorization} header Chromium sent, in order. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The URLs whose credentials prompt was cancelled, in order. */
    List<String> cancelledPrompts() {
        return List.copyOf(cancelledPrompts);
    }

    private void onHeadersSent(JsonObject event) {
        JsonObject headers = event.getAsJsonObject("headers");
        if (headers == null) {
            return;
        }
        for (Map.Entry<String, JsonElement> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("authorization")) {
                authorizations.add(header.getValue().getAsString());
            }
        }
    }

    private static JsonObject requestId(JsonObject event) {
        JsonObject params = new JsonObject();
        params.addProperty("requestId", event.get("requestId").getAsString());
        return params;
    }
}
