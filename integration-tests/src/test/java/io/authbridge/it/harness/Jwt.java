package io.authbridge.it.harness;

import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads what the server put into a token. */
public final class Jwt {

    private Jwt() {
    }

    /** The JWT's payload, decoded without verifying the signature (tests look at claims, not trust them). */
    public static JsonNode claims(String jwt) {
        try {
            return TestRealm.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }
}
