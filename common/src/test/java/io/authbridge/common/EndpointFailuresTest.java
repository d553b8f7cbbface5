package io.authbridge.common;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointFailuresTest {

    @Test
    void aDatabaseFailureAnywhereInTheCauseChainIsAStorageFailure() {
        RuntimeException wrapped = new IllegalStateException("grant failed",
                new RuntimeException("model", new SQLTransientConnectionException("connection refused")));

        assertThat(EndpointFailures.isStorageFailure(wrapped)).isTrue();
        assertThat(EndpointFailures.isStorageFailure(new IllegalStateException("a bug", new NullPointerException()))).isFalse();
        assertThat(EndpointFailures.isStorageFailure(new IllegalStateException("no cause"))).isFalse();
    }
}
