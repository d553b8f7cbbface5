#!/usr/bin/env bash
# Runs every test (README command 2): the unit and single-node integration tests, then the two-node cluster tests
# on a local PostgreSQL, which this script starts (Debian's postgresql package) and prepares — database and user
# "authbridge" — when needed. Extra arguments go to both Maven runs, e.g. -Dkeycloak.dist.version=26.7.5.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Unit tests and single-node integration tests: ./mvnw -B verify $*"
./mvnw -B verify "$@"

as_postgres() {
  # PostgreSQL refuses to run as root: its tools run as the postgres user.
  if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -n -u postgres sh -c "$1"; fi
}

echo "==> PostgreSQL for the cluster tests"
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "PostgreSQL is not installed (apt-get install postgresql); .ci/run installs it" >&2
  exit 1
fi
if [ -z "$(pg_lsclusters -h)" ]; then
  # The package creates a cluster where it can; a container image may not have one yet.
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
  as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -n1)" main
fi
cluster="$(pg_lsclusters -h | sort -k1,1V | tail -n1)"
version="$(echo "$cluster" | awk '{print $1}')"
name="$(echo "$cluster" | awk '{print $2}')"
if [ "$(echo "$cluster" | awk '{print $4}')" != online ]; then
  if [ "$(id -u)" = 0 ]; then pg_ctlcluster "$version" "$name" start; else sudo -n pg_ctlcluster "$version" "$name" start; fi
fi
as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'authbridge'\"" | grep -q 1 \
  || as_postgres "psql -qc \"CREATE USER authbridge WITH PASSWORD 'authbridge'\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'authbridge'\"" | grep -q 1 \
  || as_postgres "psql -qc \"CREATE DATABASE authbridge OWNER authbridge\""

echo "==> Cluster tests (two Keycloak nodes on PostgreSQL): ./mvnw -B verify -Pcluster $*"
./mvnw -B verify -Pcluster "$@"
