package io.authbridge.digest.core;

import java.nio.charset.StandardCharsets;

/** The worked examples of RFC 7616 §3.9 and RFC 2617 §3.5, as the Authorization header values a client sends. */
final class RfcExamples {

    /** RFC 7616 §3.9.1 inputs: realm, password and user of the SHA-256 and MD5 examples. */
    static final String MUFASA_REALM = "http-auth@example.org";
    static final String MUFASA_PASSWORD = "Circle of Life";
    static final String MUFASA_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String MUFASA_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    static final String MUFASA_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    static final String RFC7616_SHA256 = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
            + "uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"" + MUFASA_NONCE + "\", nc=00000001, "
            + "cnonce=\"" + MUFASA_CNONCE + "\", qop=auth, "
            + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
            + "opaque=\"" + MUFASA_OPAQUE + "\"";

    static final String RFC7616_MD5 = "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
            + "uri=\"/dir/index.html\", algorithm=MD5, nonce=\"" + MUFASA_NONCE + "\", nc=00000001, "
            + "cnonce=\"" + MUFASA_CNONCE + "\", qop=auth, "
            + "response=\"8ca523f5e9506fed4657c9700eebdbec\", "
            + "opaque=\"" + MUFASA_OPAQUE + "\"";

    /** RFC 7616 §3.9.2 inputs. */
    static final String JASON = "J\u00e4s\u00f8n Doe";
    static final String JASON_REALM = "api@example.org";
    static final String JASON_PASSWORD = "Secret, or not?";
    /**
     * The userhash and response of RFC 7616 erratum 4897. The RFC itself prints 488869477b... and ae66e67d...,
     * which are truncated SHA-512, not SHA-512/256:
     * printf '%s' 'Jäsøn Doe:api@example.org' | openssl dgst -sha512-256  → 793263ca...
     * printf '%s' 'Jäsøn Doe:api@example.org' | openssl dgst -sha512 | cut -c1-64 → 488869477b...
     */
    static final String JASON_USERHASH = "793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b";
    static final String JASON_RESPONSE = "3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5";
    static final String RFC7616_PRINTED_RESPONSE = "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd";

    private static final String JASON_REST = "realm=\"api@example.org\", uri=\"/doe.json\", algorithm=SHA-512-256, "
            + "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", nc=00000001, "
            + "cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\", qop=auth, "
            + "response=\"" + JASON_RESPONSE + "\", opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\"";

    static final String RFC7616_USERHASH = "Digest username=\"" + JASON_USERHASH + "\", " + JASON_REST + ", userhash=true";

    static final String RFC7616_USERNAME_STAR = "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, " + JASON_REST
            + ", userhash=false";

    /** RFC 2617 §3.5 (note the capital O in the password, and no algorithm parameter: MD5). */
    static final String RFC2617_PASSWORD = "Circle Of Life";
    static final String RFC2617 = "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001, "
            + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
            + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    /**
     * RFC 2069 form with the RFC 2617 inputs, no qop: H(HA1 ":" nonce ":" HA2), computed with
     * printf '%s' "$(printf '%s' 'Mufasa:testrealm@host.com:Circle Of Life' | md5sum | cut -c1-32):dcd98b7102dd2f0e8b11d0f600bfb0c093:$(printf '%s' 'GET:/dir/index.html' | md5sum | cut -c1-32)" | md5sum
     */
    static final String RFC2069 = "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
            + "response=\"670fd8c2df070c60b045671b8b24ff02\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    private RfcExamples() {
    }

    /** A header value as an HTTP server hands it over: one char per octet of the UTF-8 text. */
    static String asReceived(String header) {
        return new String(header.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static DigestAuthorization parse(String header) {
        try {
            return DigestAuthorizationParser.parse(header);
        } catch (DigestParseException e) {
            throw new AssertionError("should parse: " + e.getMessage(), e);
        }
    }
}
