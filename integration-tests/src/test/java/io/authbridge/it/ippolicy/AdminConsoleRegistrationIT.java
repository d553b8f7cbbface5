package io.authbridge.it.ippolicy;

import java.util.List;

import io.authbridge.it.harness.TestRealm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.idm.ConfigPropertyRepresentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console builds its client-policy pages from the server info: both providers must be listed there,
 * with help texts and their configuration properties.
 */
class AdminConsoleRegistrationIT {

    @RegisterExtension
    static final TestRealm realm = TestRealm.importedFrom("/realms/ip-config.json");

    @Test
    void executorIsOfferedWithHelpTextAndItsRangesProperty() {
        ComponentTypeRepresentation executor = componentType(
                "org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider", "ip-allowlist");

        assertThat(executor.getHelpText()).contains("403").contains("CIDR");
        ConfigPropertyRepresentation ranges = property(executor, "allowed-ranges");
        assertThat(ranges.getType()).isEqualTo("MultivaluedString");
        assertThat(ranges.getLabel()).isNotBlank();
        assertThat(ranges.getHelpText()).contains("authbridge.ip-allowlist").contains("proxy-trusted-addresses");
    }

    @Test
    void conditionIsOfferedWithHelpTextRangesAndNegativeLogic() {
        ComponentTypeRepresentation condition = componentType(
                "org.keycloak.services.clientpolicy.condition.ClientPolicyConditionProvider", "client-ip");

        assertThat(condition.getHelpText()).contains("CIDR");
        assertThat(property(condition, "ranges").getType()).isEqualTo("MultivaluedString");
        assertThat(property(condition, "is-negative-logic").getType()).isEqualTo("boolean");
    }

    private static ComponentTypeRepresentation componentType(String providerType, String id) {
        List<ComponentTypeRepresentation> types = realm.adminClient().serverInfo().getInfo().getComponentTypes().get(providerType);
        assertThat(types).as(providerType).isNotNull();
        return types.stream().filter(t -> t.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not offered as " + providerType));
    }

    private static ConfigPropertyRepresentation property(ComponentTypeRepresentation type, String name) {
        return type.getProperties().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type.getId() + " has no property " + name));
    }
}
