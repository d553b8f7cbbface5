#!/usr/bin/env bash
# Builds and installs the AuthBridge modules (the benchmarks take the Digest client code from the local
# repository) and unpacks org.keycloak:keycloak-quarkus-dist:$KC_VERSION (default: keycloak.version in pom.xml)
# into target/demo/ unless it is there. Prints the distribution's directory. Used by run-demo.sh and
# benchmarks/run-cluster.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

KC_VERSION="${KC_VERSION:-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n1)}"
DIST_DIR="target/demo"
KC_DIST="$DIST_DIR/keycloak-$KC_VERSION"

echo "==> Building the AuthBridge providers" >&2
./mvnw -q -B -DskipTests install >&2
if [ ! -x "$KC_DIST/bin/kc.sh" ]; then
  echo "==> Fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION" >&2
  ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DIST_DIR" >&2
fi
echo "$KC_DIST"
