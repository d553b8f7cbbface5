#!/usr/bin/env bash
# The soak (benchmarks/README.md, "Soak"): starts Keycloak with AuthBridge the way ./run-demo.sh does (one node, dev
# mode) but with its metrics on and on ports of its own, runs the Digest, HMAC API-key and cookie-exchange scenarios
# together at saturation for -DsoakSeconds (default 600) after a warm-up, writes benchmarks/results/SOAK.md and
# soak.png, and stops Keycloak. Fails on a failed request, a heap that changed by more than 10 %, or a single-use
# store that outgrew its entries' lifespans.
#
#   benchmarks/run-soak.sh [-Dname=value ...]    e.g. -DsoakSeconds=120 for a short try
#
# SOAK_HTTP_PORT (8180), SOAK_MANAGEMENT_PORT (9180) and SOAK_SPA_PORT (8181, run-demo.sh's demo page) choose the
# server's ports; MAVEN_ARGS=-o builds offline. Not at the same time as ./run-demo.sh in the same checkout: both use
# the dev-mode database in target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT="${SOAK_HTTP_PORT:-8180}"
MANAGEMENT_PORT="${SOAK_MANAGEMENT_PORT:-9180}"
SPA_PORT="${SOAK_SPA_PORT:-8181}"
LOG="target/soak-server.log"

for port in "$HTTP_PORT" "$MANAGEMENT_PORT" "$SPA_PORT"; do
  # The soak measures a server of its own: never one that someone else started on these ports.
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use; choose others with SOAK_HTTP_PORT, SOAK_MANAGEMENT_PORT, SOAK_SPA_PORT" >&2
    exit 2
  fi
done

echo "==> Starting Keycloak with AuthBridge on http://localhost:$HTTP_PORT, metrics on port $MANAGEMENT_PORT (log: $LOG)"
mkdir -p target
# package, not install: the soak takes the Digest core from the reactor (-am) and leaves ~/.m2 as it is.
# setsid: the server's processes (run-demo.sh, kc.sh, the JVMs) form one group, stopped together at the end.
# LOB_TIMEOUT: the dev-mode database (H2) keeps each LOB a query returned for this long (5 minutes by default), so its
# heap would follow the request rate of the last 5 minutes; 10 s keeps that out of the heap comparison.
AUTHBRIDGE_BUILD_GOAL=package HTTP_PORT="$HTTP_PORT" SPA_PORT="$SPA_PORT" \
  setsid ./run-demo.sh --metrics-enabled=true --health-enabled=true --http-management-port="$MANAGEMENT_PORT" \
  --db-url-properties=';LOB_TIMEOUT=10000' > "$LOG" 2>&1 &
server_group=$!
trap 'kill -TERM -- "-$server_group" 2>/dev/null || true; wait "$server_group" 2>/dev/null || true' EXIT

until curl -sf "http://localhost:$MANAGEMENT_PORT/health/ready" > /dev/null; do
  kill -0 "$server_group" 2>/dev/null || { tail -40 "$LOG"; exit 1; }
  sleep 2
done
server_pid="$(pgrep -g "$server_group" -f 'kc\.home\.dir')"
echo "==> Keycloak is up (JVM pid $server_pid); soak"

./mvnw -B -Pbench,soak -pl benchmarks -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
  -DbaseUrl="http://localhost:$HTTP_PORT" -DmanagementUrl="http://localhost:$MANAGEMENT_PORT" \
  -DserverPid="$server_pid" "$@"
echo "==> Soak done in $SECONDS s: benchmarks/results/SOAK.md"
