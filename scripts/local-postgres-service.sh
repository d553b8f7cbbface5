#!/usr/bin/env bash
# Stops or starts the local PostgreSQL cluster that prepare-local-postgres.sh set up: the cluster suite's fault test
# (ClusterFaultsIT) takes the database away under load and brings it back. Usage: local-postgres-service.sh stop|start
set -euo pipefail
action="${1:?usage: $0 stop|start}"
cluster="$(pg_lsclusters -h | sort -k1,1V | tail -n1)"
version="$(echo "$cluster" | awk '{print $1}')"
name="$(echo "$cluster" | awk '{print $2}')"
mode=()
if [ "$action" = stop ]; then mode=(-m fast); fi # as a crash would: open connections are cut, not drained
if [ "$(id -u)" = 0 ]; then pg_ctlcluster "$version" "$name" "$action" "${mode[@]}"; else sudo -n pg_ctlcluster "$version" "$name" "$action" "${mode[@]}"; fi
