package io.authbridge.digest.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.authbridge.digest.core.RfcExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestAuthorizationParserTest {

    private static final String MD5_RESPONSE = "8ca523f5e9506fed4657c9700eebdbec";

    /** A minimal valid MD5 header made of the given parameters. */
    private static String header(String... parameters) {
        return "Digest " + String.join(", ", parameters);
    }

    private static List<String> minimalParameters() {
        return new ArrayList<>(List.of("username=\"u\"", "realm=\"r\"", "nonce=\"n\"", "uri=\"/\"",
                "response=\"" + MD5_RESPONSE + "\"", "qop=auth", "nc=00000001", "cnonce=\"c\""));
    }

    private static void assertRefused(String header, String messagePart) {
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(header))
                .isInstanceOf(DigestParseException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void readsEveryParameterOfTheRfc7616Example() {
        DigestAuthorization authorization = RfcExamples.parse(RFC7616_SHA256);
        assertThat(authorization.username()).isEqualTo("Mufasa");
        assertThat(authorization.userhash()).isFalse();
        assertThat(authorization.realm()).isEqualTo(MUFASA_REALM);
        assertThat(authorization.uri()).isEqualTo("/dir/index.html");
        assertThat(authorization.algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(authorization.nonce()).isEqualTo(MUFASA_NONCE);
        assertThat(authorization.nc()).isEqualTo("00000001");
        assertThat(authorization.nonceCount()).isEqualTo(1);
        assertThat(authorization.cnonce()).isEqualTo(MUFASA_CNONCE);
        assertThat(authorization.qop()).isEqualTo(DigestQop.AUTH);
        assertThat(authorization.hasQop()).isTrue();
        assertThat(authorization.response()).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(authorization.opaque()).isEqualTo(MUFASA_OPAQUE);
    }

    @Test
    void missingAlgorithmMeansMd5AndMissingOpaqueIsNull() {
        DigestAuthorization authorization = RfcExamples.parse(header(minimalParameters().toArray(String[]::new)));
        assertThat(authorization.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(authorization.opaque()).isNull();
    }

    @Test
    void schemeAndParameterNamesAreCaseInsensitive() {
        DigestAuthorization authorization = RfcExamples.parse("dIGEST USERNAME=\"u\", Realm=\"r\", NONCE=\"n\", Uri=\"/\", "
                + "RESPONSE=\"" + MD5_RESPONSE.toUpperCase() + "\", QOP=AUTH-INT, NC=0000000A, CNonce=\"c\", "
                + "Algorithm=md5-SESS, UserHash=FALSE");
        assertThat(authorization.username()).isEqualTo("u");
        assertThat(authorization.response()).isEqualTo(MD5_RESPONSE);
        assertThat(authorization.qop()).isEqualTo(DigestQop.AUTH_INT);
        assertThat(authorization.algorithm()).isEqualTo(DigestAlgorithm.MD5_SESS);
        assertThat(authorization.nc()).as("kept as sent: the hash covers it").isEqualTo("0000000A");
        assertThat(authorization.nonceCount()).isEqualTo(10);
    }

    @Test
    void unescapesQuotedPairs() {
        DigestAuthorization authorization = RfcExamples.parse(header("username=\"Mu\\fa\\\\sa\"", "realm=\"say \\\"hi\\\"\"",
                "nonce=\"n\"", "uri=\"/a,b=c\"", "response=\"" + MD5_RESPONSE + "\"", "opaque=\"\\\\\""));
        assertThat(authorization.username()).isEqualTo("Mufa\\sa");
        assertThat(authorization.realm()).isEqualTo("say \"hi\"");
        assertThat(authorization.uri()).isEqualTo("/a,b=c");
        assertThat(authorization.opaque()).isEqualTo("\\");
    }

    @Test
    void toleratesWhitespaceAndEmptyListElements() {
        DigestAuthorization authorization = RfcExamples.parse("  Digest \t , username = \"u\" ,,realm\t=\t\"r\",nonce=n ,"
                + " , uri=\"/\",response=" + MD5_RESPONSE + " ,  ,  ");
        assertThat(authorization.username()).isEqualTo("u");
        assertThat(authorization.realm()).isEqualTo("r");
        assertThat(authorization.nonce()).as("token form").isEqualTo("n");
        assertThat(authorization.response()).isEqualTo(MD5_RESPONSE);
        assertThat(authorization.hasQop()).isFalse();
    }

    @Test
    void acceptsQuotedFormsOfTokenParameters() {
        DigestAuthorization authorization = RfcExamples.parse(header("username=\"u\"", "realm=\"r\"", "nonce=\"n\"",
                "uri=\"/\"", "response=\"" + MD5_RESPONSE + "\"", "qop=\"auth\"", "nc=\"00000001\"", "cnonce=\"c\"",
                "algorithm=\"MD5\"", "userhash=\"false\""));
        assertThat(authorization.qop()).isEqualTo(DigestQop.AUTH);
        assertThat(authorization.nc()).isEqualTo("00000001");
    }

    @Test
    void ignoresUnknownParameters() {
        List<String> parameters = minimalParameters();
        parameters.add("domain=\"/x\"");
        parameters.add("x-custom=token");
        assertThat(RfcExamples.parse(header(parameters.toArray(String[]::new))).username()).isEqualTo("u");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "realm", "nonce", "uri", "response", "cnonce", "nc"})
    void refusesAMissingRequiredParameter(String name) {
        List<String> parameters = minimalParameters();
        parameters.removeIf(parameter -> parameter.startsWith(name + "="));
        assertRefused(header(parameters.toArray(String[]::new)), "missing parameter '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "realm", "nonce", "uri", "cnonce"})
    void refusesAnEmptyRequiredParameter(String name) {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith(name + "=") ? name + "=\"\"" : parameter);
        assertRefused(header(parameters.toArray(String[]::new)), "empty parameter '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "realm", "nonce", "uri", "response", "cnonce", "nc", "qop", "algorithm", "opaque"})
    void refusesADuplicateParameterWhateverItsCase(String name) {
        List<String> parameters = minimalParameters();
        parameters.removeIf(parameter -> parameter.startsWith(name + "="));
        parameters.add(name + "=\"x\"");
        parameters.add(name.toUpperCase() + "=\"x\"");
        assertRefused(header(parameters.toArray(String[]::new)), "duplicate parameter '" + name + "'");
    }

    @Test
    void duplicateUnknownParameterIsRefusedWithoutRepeatingItsName() {
        List<String> parameters = minimalParameters();
        parameters.add("secretish=1");
        parameters.add("secretish=2");
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(header(parameters.toArray(String[]::new))))
                .isInstanceOf(DigestParseException.class)
                .hasMessage("duplicate parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "0000001", "000000001", "0000000g", "0x000001", "+0000001", "-0000001", "\"0000 001\""})
    void refusesAnNcThatIsNotEightHexDigits(String nc) {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("nc=") ? "nc=" + (nc.isEmpty() ? "\"\"" : nc) : parameter);
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(header(parameters.toArray(String[]::new))))
                .isInstanceOf(DigestParseException.class);
    }

    @Test
    void refusesCnonceOrNcWithoutQop() {
        assertRefused(header("username=\"u\"", "realm=\"r\"", "nonce=\"n\"", "uri=\"/\"", "response=\"" + MD5_RESPONSE + "\"",
                "cnonce=\"c\""), "only allowed with qop");
        assertRefused(header("username=\"u\"", "realm=\"r\"", "nonce=\"n\"", "uri=\"/\"", "response=\"" + MD5_RESPONSE + "\"",
                "nc=00000001"), "only allowed with qop");
    }

    @Test
    void refusesSessAlgorithmWithoutQop() {
        assertRefused(header("username=\"u\"", "realm=\"r\"", "nonce=\"n\"", "uri=\"/\"", "response=\"" + MD5_RESPONSE + "\"",
                "algorithm=MD5-sess"), "MD5-sess requires qop");
    }

    @Test
    void refusesUnknownAlgorithmOrQopWithoutRepeatingThem() {
        List<String> parameters = minimalParameters();
        parameters.add("algorithm=SHA-1-evil");
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(header(parameters.toArray(String[]::new))))
                .hasMessage("unsupported algorithm");
        List<String> qop = minimalParameters();
        qop.replaceAll(parameter -> parameter.startsWith("qop=") ? "qop=\"auth, auth-int\"" : parameter);
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(header(qop.toArray(String[]::new))))
                .hasMessage("unsupported qop");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8ca523f5e9506fed4657c9700eebdbe", "8ca523f5e9506fed4657c9700eebdbecc", "8ca523f5e9506fed4657c9700eebdbeg",
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"})
    void refusesAResponseThatIsNotAHashOfTheAlgorithm(String response) {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("response=") ? "response=\"" + response + "\"" : parameter);
        assertRefused(header(parameters.toArray(String[]::new)), "response must be 32 hex digits for MD5");
    }

    @Test
    void refusesAnOversizedHeaderButNotOneAtTheLimit() {
        String base = header(minimalParameters().toArray(String[]::new)) + ", opaque=\"";
        String atLimit = base + "x".repeat(DigestAuthorizationParser.MAX_HEADER_LENGTH - base.length() - 1) + "\"";
        assertThat(atLimit).hasSize(DigestAuthorizationParser.MAX_HEADER_LENGTH);
        assertThat(RfcExamples.parse(atLimit).opaque()).hasSize(DigestAuthorizationParser.MAX_HEADER_LENGTH - base.length() - 1);
        String over = base + "x".repeat(DigestAuthorizationParser.MAX_HEADER_LENGTH - base.length()) + "\"";
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(over))
                .isInstanceOf(DigestParseException.class)
                .hasMessage("Authorization header longer than 4096 characters");
        assertThatThrownBy(() -> DigestAuthorizationParser.parse("Digest " + "a".repeat(1_000_000)))
                .isInstanceOf(DigestParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(100));
    }

    @Test
    void refusesBothUsernameAndUsernameStar() {
        List<String> parameters = minimalParameters();
        parameters.add("username*=UTF-8''u");
        assertRefused(header(parameters.toArray(String[]::new)), "must not both be given");
    }

    @Test
    void decodesUsernameStar() {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("username=") ? "username*=utf-8'en-US'%E2%82%ac%20x!~" : parameter);
        assertThat(RfcExamples.parse(header(parameters.toArray(String[]::new))).username()).isEqualTo("\u20ac x!~");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ISO-8859-1''abc",          // only UTF-8
            "''abc",                    // no charset
            "UTF-8'abc",                // one quote
            "UTF-8abc",                 // no quotes
            "UTF-8''",                  // empty name
            "UTF-8''%E2%82",            // truncated UTF-8 sequence
            "UTF-8''%C0%AF",            // overlong encoding of '/'
            "UTF-8''%ED%A0%80",         // UTF-16 surrogate
            "UTF-8''%FF",               // never valid in UTF-8
            "UTF-8''%G1",               // not hex
            "UTF-8''%4",                // truncated escape
            "UTF-8''abc%",              // truncated escape
            "UTF-8''a*b",               // '*' is no attr-char
            "UTF-8''a'b",               // a third quote
            "UTF-8''%00abc",            // NUL
            "UTF-8''%0D%0Aabc",         // CR LF
            "UTF-8''%C2%85",            // C1 control (NEL)
            "UTF-8'e_n'abc",            // bad language tag
            "\"UTF-8''abc\"",           // RFC 8187 values are never quoted
    })
    void refusesBadUsernameStarEncodings(String value) {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("username=") ? "username*=" + value : parameter);
        assertThatThrownBy(() -> DigestAuthorizationParser.parse(header(parameters.toArray(String[]::new))))
                .isInstanceOf(DigestParseException.class);
    }

    @Test
    void userhashNeedsAHashOfTheAlgorithmAndIsLowercased() {
        String hash = "4238F3A16167373FEBB9BC4D43DB9CC4";
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("username=") ? "username=\"" + hash + "\"" : parameter);
        parameters.add("userhash=TRUE");
        DigestAuthorization authorization = RfcExamples.parse(header(parameters.toArray(String[]::new)));
        assertThat(authorization.userhash()).isTrue();
        assertThat(authorization.username()).isEqualTo(hash.toLowerCase());

        List<String> notAHash = minimalParameters();
        notAHash.add("userhash=true");
        assertRefused(header(notAHash.toArray(String[]::new)), "hashed username must be 32 hex digits for MD5");

        List<String> star = minimalParameters();
        star.replaceAll(parameter -> parameter.startsWith("username=") ? "username*=UTF-8''" + hash : parameter);
        star.add("userhash=true");
        assertRefused(header(star.toArray(String[]::new)), "username* cannot carry a userhash");

        List<String> maybe = minimalParameters();
        maybe.add("userhash=maybe");
        assertRefused(header(maybe.toArray(String[]::new)), "userhash must be true or false");
    }

    @Test
    void decodesRawUtf8InQuotedStringsAsAServerReceivesThem() {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("username=") ? "username=\"" + JASON + "\"" : parameter);
        String received = asReceived(header(parameters.toArray(String[]::new)));
        assertThat(RfcExamples.parse(received).username()).isEqualTo(JASON);
    }

    @Test
    void refusesQuotedOctetsThatAreNotUtf8() {
        List<String> parameters = minimalParameters();
        // "J\u00e4son" as ISO-8859-1 octets: E4 alone is no UTF-8.
        parameters.replaceAll(parameter -> parameter.startsWith("username=") ? "username=\"J\u00e4son\"" : parameter);
        assertRefused(header(parameters.toArray(String[]::new)), "not valid UTF-8");
    }

    @Test
    void refusesNonAsciiCnonceBecauseItIsEchoed() {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("cnonce=") ? "cnonce=\"\u00c3\u00a4\"" : parameter);
        assertRefused(header(parameters.toArray(String[]::new)), "cnonce must be printable ASCII");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r", "\n", "\r\n ", "\u007f", "\u20ac", "\u0141", "\ud83d\ude00", "\ud800"})
    void refusesIllegalCharactersAnywhere(String illegal) {
        // U+0141 is no octet: cut to a byte it would read as 'A'.
        String valid = header(minimalParameters().toArray(String[]::new)) + ", opaque=\"xy\"";
        for (int position : new int[] {0, 3, 7, valid.indexOf("\"u\"") + 1, valid.indexOf("xy") + 1, valid.length()}) {
            String header = valid.substring(0, position) + illegal + valid.substring(position);
            assertThatThrownBy(() -> DigestAuthorizationParser.parse(header)).as("at %d", position)
                    .isInstanceOf(DigestParseException.class);
        }
    }

    @Test
    void refusesAUsernameWithATab() {
        List<String> parameters = minimalParameters();
        parameters.replaceAll(parameter -> parameter.startsWith("username=") ? "username=\"a\tb\"" : parameter);
        assertRefused(header(parameters.toArray(String[]::new)), "control characters");
    }

    @Test
    void refusesMalformedSyntax() {
        String rest = ", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"" + MD5_RESPONSE + "\"";
        assertRefused("Digest realm=\"r\", username=\"u", "unterminated quoted string");
        assertRefused("Digest username=\"u" + rest, "malformed parameter list"); // the quote closes at realm="
        assertRefused("Digest realm=\"r\", username=\"u\\", "unterminated quoted string");
        assertRefused("Digest username" + rest, "parameter without value");
        assertRefused("Digest username=" + rest, "malformed parameter value");
        assertRefused("Digest username=u v" + rest, "malformed parameter list");
        assertRefused("Digest username=\"u\"\"v\"" + rest, "malformed parameter list");
        assertRefused("Digest username=\"u\"; realm=\"r\"", "malformed parameter list");
        assertRefused("Digest =\"u\"" + rest, "malformed parameter list");
        assertRefused("Digest username=J\u00e4son" + rest, "malformed parameter list");
        assertRefused("Digest dXNlcjpwYXNz==", "malformed parameter value");
        assertRefused("Digest username=a/b" + rest, "malformed parameter list");
    }

    @Test
    void refusesMissingEmptyAndForeignCredentials() {
        assertRefused(null, "missing Digest credentials");
        assertRefused("", "missing Digest credentials");
        assertRefused("   ", "not a Digest authorization");
        assertRefused("Digest", "missing parameter");
        assertRefused("Digest   ", "missing parameter");
        assertRefused("Basic dXNlcjpwYXNz", "not a Digest authorization");
        assertRefused("Digestusername=\"u\"", "not a Digest authorization");
        assertRefused("Digest,username=\"u\"", "not a Digest authorization");
    }

    @Test
    void recognisesTheDigestSchemeOnly() {
        assertThat(DigestAuthorizationParser.isDigest("Digest username=\"u\"")).isTrue();
        assertThat(DigestAuthorizationParser.isDigest(" digest")).isTrue();
        assertThat(DigestAuthorizationParser.isDigest("DIGEST\tx=1")).isTrue();
        for (String other : Arrays.asList(null, "", "Dig", "Basic abc", "Bearer x", "Digestive x=1", "D\u0130GEST x=1",
                "\u00a0Digest x=1")) {
            assertThat(DigestAuthorizationParser.isDigest(other)).as(String.valueOf(other)).isFalse();
        }
    }

    @Test
    void toStringLeavesOutTheResponse() {
        assertThat(RfcExamples.parse(RFC7616_MD5).toString()).contains("Mufasa").doesNotContain(MD5_RESPONSE);
    }
}
