#!/usr/bin/env bash
# Two clustered Keycloak nodes with AuthBridge for the benchmarks' two-node scenarios — the topology of the cluster
# tests and of docker/docker-compose.yml: a local PostgreSQL (scripts/prepare-local-postgres.sh), Infinispan's
# default caches with jdbc-ping discovery, one public URL (node 1's) for both.
#
#   node 1  http://localhost:8080  (management 9000, JGroups 127.0.0.1:7800)
#   node 2  http://localhost:8082  (management 9002, JGroups 127.0.0.1:7801)
#
# Then, in another terminal: ./mvnw -Pbench -pl benchmarks verify -DsecondNode=http://localhost:8082
# Ctrl-C stops both nodes.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER_DIR="target/bench-cluster"
KC_DIST="$(scripts/build-providers-and-fetch-keycloak.sh)"
echo "==> PostgreSQL"
scripts/prepare-local-postgres.sh

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM
echo "==> One build ($CLUSTER_DIR/node-1), copied for node 2"
rm -rf "$CLUSTER_DIR" && mkdir -p "$CLUSTER_DIR" && cp -a "$KC_DIST" "$CLUSTER_DIR/node-1"
cp bundle/target/authbridge-keycloak-*.jar "$CLUSTER_DIR/node-1/providers/"
"$CLUSTER_DIR/node-1/bin/kc.sh" build --db=postgres --health-enabled=true > "$CLUSTER_DIR/build.log"
rm -rf "$CLUSTER_DIR/node-1/data"
cp -a "$CLUSTER_DIR/node-1" "$CLUSTER_DIR/node-2"
for node in 1 2; do
  http_port=$([ "$node" = 1 ] && echo 8080 || echo 8082)
  echo "==> Starting node $node on http://localhost:$http_port (log: $CLUSTER_DIR/node-$node.log)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$CLUSTER_DIR/node-$node/bin/kc.sh" start --optimized --http-enabled=true --hostname=http://localhost:8080 \
      --http-port="$http_port" --http-management-port=$((9000 + (node - 1) * 2)) \
      --db-url=jdbc:postgresql://127.0.0.1:5432/authbridge --db-username=authbridge --db-password=authbridge \
      --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port=$((7799 + node)) \
      > "$CLUSTER_DIR/node-$node.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://localhost:$((9000 + (node - 1) * 2))/health/ready" > /dev/null; do
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -40 "$CLUSTER_DIR/node-$node.log"; exit 1; }
    sleep 2
  done
done
until grep -q 'ISPN000094.*(2)' "$CLUSTER_DIR/node-2.log"; do sleep 1; done
echo "==> Both nodes are up and clustered (an Infinispan view of 2 members). Ctrl-C stops them."
wait
