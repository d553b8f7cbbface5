#!/usr/bin/env bash
# Starts the local PostgreSQL (Debian's postgresql package) and creates the database and user "authbridge"
# (password "authbridge") that the cluster tests and the cluster benchmark use. Idempotent.
set -euo pipefail

as_postgres() {
  # PostgreSQL refuses to run as root: its tools run as the postgres user.
  if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -n -u postgres sh -c "$1"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "PostgreSQL is not installed (apt-get install postgresql); run-tests.sh installs it" >&2
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

