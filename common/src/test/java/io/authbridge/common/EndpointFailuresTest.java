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
        // A driver's own subclass (PostgreSQL's PSQLException) counts as the JDK type it extends.
        assertThat(EndpointFailures.isStorageFailure(new RuntimeException(new java.sql.SQLException("driver") { }))).isTrue();
        assertThat(EndpointFailures.isStorageFailure(new RuntimeException("Database operation failed",
                new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(EndpointFailures.isStorageFailure(new IllegalStateException("a bug", new NullPointerException()))).isFalse();
        assertThat(EndpointFailures.isStorageFailure(new IllegalStateException("no cause"))).isFalse();
    }
}
