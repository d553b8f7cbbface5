#!/usr/bin/env bash
# Runs every test (README command 2): the unit and single-node integration tests, then the two-node cluster tests
# on a local PostgreSQL, which this script starts (Debian's postgresql package) and prepares — database and user
# "authbridge" — when needed. What the tests need and the machine lacks (a JDK, curl, openssl, Chromium,
# PostgreSQL) is installed first from Debian's packages. Extra arguments go to both Maven runs,
# e.g. -Dkeycloak.dist.version=26.7.5.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh java curl openssl chromium postgresql

echo "==> Unit tests and single-node integration tests: ./mvnw -B verify $*"
./mvnw -B verify "$@"

echo "==> PostgreSQL for the cluster tests"
scripts/prepare-local-postgres.sh

echo "==> Cluster tests (two Keycloak nodes on PostgreSQL): ./mvnw -B verify -Pcluster $*"
./mvnw -B verify -Pcluster "$@"
