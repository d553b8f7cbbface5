package io.authbridge.hmac.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.authbridge.common.fuzz.FuzzSeeds;
import io.authbridge.common.fuzz.Gen;
import org.junit.jupiter.api.Test;

import static io.authbridge.common.fuzz.FuzzProperty.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TenantList}: an attribute lists exactly the ids written in it, whatever the separators; {@code *} alone
 * allows any tenant; a malformed id or {@code *} beside ids refuses the attribute.
 */
class TenantListProperties {

    private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]{1,255}");
    private static final Gen<String> SEPARATOR = Gen.strings(Gen.chars(", \t\n\r\u000b\f"), 1, 3);

    /** Tenant ids as an admin writes them into the attribute. */
    private record Listed(List<String> tenants, String attribute, String probe) {
    }

    private static final Gen<Listed> LISTED = random -> {
        List<String> tenants = HmacGenerators.TENANT.filter(t -> !t.equals("*")).list(1, 6).next(random);
        StringBuilder attribute = new StringBuilder(random.nextBoolean() ? " " : "");
        for (int i = 0; i < tenants.size(); i++) {
            attribute.append(i == 0 ? "" : SEPARATOR.next(random)).append(tenants.get(i));
        }
        String probe = random.nextBoolean() ? tenants.get(random.nextInt(tenants.size())) : HmacGenerators.TENANT.next(random);
        return new Listed(tenants, attribute.append(random.nextBoolean() ? "\n" : "").toString(), probe);
    };

    @Test
    void anAttributeAllowsExactlyTheIdsWrittenInIt() {
        forAll(LISTED, listed -> {
            TenantList list = TenantList.parse(listed.attribute());
            assertThat(list.requiresTenant()).isTrue();
            assertThat(listed.tenants()).allMatch(list::allows);
            assertThat(list.allows(listed.probe())).isEqualTo(listed.tenants().contains(listed.probe()));
            assertThat(list.allows(listed.probe() + "x")).isEqualTo(listed.tenants().contains(listed.probe() + "x"));
        });
    }

    @Test
    void aMalformedIdOrAStarBesideIdsRefusesTheAttribute() {
        Gen<String> bad = Gen.oneOf(Gen.constant("*"), Gen.constant("x".repeat(TenantList.MAX_TENANT_LENGTH + 1)),
                Gen.strings(Gen.oneOf(Gen.chars("\u00fc\u0000\u007f\u2003\u00a0"), Gen.chars('!', '~')), 1, 5)
                        .filter(t -> !WELL_FORMED.matcher(t).matches() && !t.contains(",")));
        forAll(Gen.zip(LISTED, bad, (listed, id) -> new Listed(listed.tenants(), listed.attribute(), id)), listed -> {
            // Inside the attribute: at its ends, chars up to U+0020 are trimmed off before it is split.
            String attribute = listed.attribute().strip() + ", " + listed.probe() + ", tail";
            assertThatIllegalArgumentException().isThrownBy(() -> TenantList.parse(attribute));
        });
    }

    private record Separated(String separator, String tenant) {
    }

    @Test
    void aStarAloneAllowsAnyTenantAndSeparatorsAloneListNone() {
        forAll(Gen.zip(SEPARATOR, HmacGenerators.TENANT, Separated::new), input -> {
            assertThat(TenantList.parse(input.separator() + "*" + input.separator()).allows(input.tenant())).isTrue();
            for (TenantList none : List.of(TenantList.parse(input.separator()), TenantList.parse(null))) {
                assertThat(none.requiresTenant()).isFalse();
                assertThat(none.allows(input.tenant())).isFalse();
            }
        });
    }

    @Test
    void wellFormedIffPrintableAsciiWithoutSpaceOrCommaUpTo255() {
        forAll(Gen.oneOf(HmacGenerators.TENANT, Gen.strings(Gen.oneOf(Gen.chars(' ', '~'), Gen.anyChar()), 0, 8),
                        Gen.strings(Gen.chars("ab"), 254, 257)),
                tenant -> assertThat(TenantList.isWellFormed(tenant)).isEqualTo(WELL_FORMED.matcher(tenant).matches()));
    }

    /** Any attribute parses or is refused; what it allows is '*' or ids of its own text that are well-formed. */
    @Test
    void anyAttributeAllowsOnlyWellFormedIdsWrittenInIt() {
        Gen<String> attributes = Gen.around(FuzzSeeds.text("tenant-list", StandardCharsets.UTF_8), ", \t\n*acme-_.~\u00fc\u2003", 80);
        forAll(Gen.zip(attributes, HmacGenerators.TENANT, (attribute, probe) -> new Listed(List.of(), attribute, probe)),
                listed -> assertAllowsOnlyWellFormedIdsWrittenIn(listed.attribute(), listed.probe()));
    }

    static void assertAllowsOnlyWellFormedIdsWrittenIn(String attribute, String probe) {
        TenantList list;
        try {
            list = TenantList.parse(attribute);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        List<String> written = Arrays.asList(attribute.trim().split("[,\\s]+"));
        if (list.allows(probe) && !written.contains("*")) {
            assertThat(written).contains(probe);
        }
        if (!list.requiresTenant()) {
            assertThat(written.stream().filter(WELL_FORMED.asMatchPredicate())).isEmpty();
        }
    }
}
