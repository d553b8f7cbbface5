#!/usr/bin/env bash
# Builds AuthBridge, fetches the Keycloak distribution from Maven Central, installs the provider jars,
# imports the demo realm (docker/realm/) and starts Keycloak on http://localhost:8080 (admin / admin), with the
# cookie-exchange demo page on http://localhost:8081.
# Ctrl-C stops it; the next start reuses the download, the build and the server's data.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh java

HTTP_PORT="${HTTP_PORT:-8080}"
SPA_PORT="${SPA_PORT:-8081}"
KC_HOME="$(scripts/build-providers-and-fetch-keycloak.sh)"
KC_VERSION="${KC_HOME##*/keycloak-}"

echo "==> Installing providers and the demo realm into $KC_HOME"
rm -f "$KC_HOME"/providers/authbridge-*.jar
cp bundle/target/authbridge-keycloak-*.jar "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp docker/realm/*.json "$KC_HOME/data/import/"
# --import-realm skips a realm that already exists: when the demo realm JSON changed since the last start,
# start from an empty database so the demo matches docker/realm/ (the demo's data is otherwise kept).
realm_sum="$(cat docker/realm/*.json | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$KC_HOME/data/authbridge-demo-realm.sha256" 2>/dev/null)" != "$realm_sum" ]; then
  rm -rf "$KC_HOME/data/h2"
  echo "$realm_sum" > "$KC_HOME/data/authbridge-demo-realm.sha256"
fi

# The cookie-exchange demo page, on its own origin (the realm's demo-spa client lists http://localhost:8081).
echo "==> Serving the cookie-exchange demo page on http://localhost:$SPA_PORT/ (log in as demo / demo)"
java docker/spa/SpaServer.java "$SPA_PORT" "http://localhost:$HTTP_PORT" authbridge-demo demo-spa &
spa_pid=$!
trap 'kill "$spa_pid" 2>/dev/null || true' EXIT

echo "==> Starting Keycloak $KC_VERSION on http://localhost:$HTTP_PORT (admin console: admin / admin)"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
"$KC_HOME/bin/kc.sh" start-dev --import-realm --http-port="$HTTP_PORT" "$@"
