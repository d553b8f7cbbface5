package io.authbridge.hmac.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TenantListTest {

    @Test
    void noAttributeMeansNoTenants() {
        TenantList tenants = TenantList.parse(null);
        assertThat(tenants.requiresTenant()).isFalse();
        assertThat(tenants.allows("acme")).isFalse();
        assertThat(TenantList.parse("  ").requiresTenant()).isFalse();
    }

    @Test
    void aListAllowsItsEntries() {
        TenantList tenants = TenantList.parse(" acme, globex\nwayne-42 ");
        assertThat(tenants.requiresTenant()).isTrue();
        assertThat(tenants.allows("acme")).isTrue();
        assertThat(tenants.allows("wayne-42")).isTrue();
        assertThat(tenants.allows("ACME")).isFalse();
        assertThat(tenants.allows("")).isFalse();
    }

    @Test
    void aStarAllowsAnyTenant() {
        TenantList tenants = TenantList.parse("*");
        assertThat(tenants.requiresTenant()).isTrue();
        assertThat(tenants.allows("anything")).isTrue();
    }

    @Test
    void refusesAStarWithIdsAndMalformedIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> TenantList.parse("*, acme"));
        assertThatIllegalArgumentException().isThrownBy(() -> TenantList.parse("acme, ünï"));
        assertThatIllegalArgumentException().isThrownBy(() -> TenantList.parse("x".repeat(256)));
    }

    @Test
    void wellFormedTenantIds() {
        assertThat(TenantList.isWellFormed("acme-1_2.3")).isTrue();
        assertThat(TenantList.isWellFormed("x".repeat(255))).isTrue();
        assertThat(TenantList.isWellFormed("")).isFalse();
        assertThat(TenantList.isWellFormed("a b")).isFalse();
        assertThat(TenantList.isWellFormed("a,b")).isFalse();
        assertThat(TenantList.isWellFormed("a\u0000")).isFalse();
        assertThat(TenantList.isWellFormed(null)).isFalse();
    }

    @Test
    void aTenantIsPrintableAsciiWithoutSpaceOrCommaUpToItsLength() {
        assertThat(TenantList.isWellFormed("!~")).isTrue();
        assertThat(TenantList.isWellFormed("a b")).isFalse();
        assertThat(TenantList.isWellFormed("a\u007fb")).isFalse();
        assertThat(TenantList.isWellFormed("a,b")).isFalse();
        assertThat(TenantList.isWellFormed("t".repeat(TenantList.MAX_TENANT_LENGTH))).isTrue();
        assertThat(TenantList.isWellFormed("t".repeat(TenantList.MAX_TENANT_LENGTH + 1))).isFalse();
    }
}
