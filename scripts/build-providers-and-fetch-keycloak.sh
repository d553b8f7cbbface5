#!/usr/bin/env bash
# Builds and installs the AuthBridge modules (the benchmarks take the Digest client code from the local
# repository) and unpacks org.keycloak:keycloak-quarkus-dist:$KC_VERSION (default: keycloak.dist.version in
# pom.xml, the newest tested patch) into target/demo/ unless it is there. Prints the distribution's directory.
# Used by run-demo.sh and benchmarks/run-cluster.sh. KC_VERSION may be any patch of a supported line (26.0 to
# 26.7; README "Compatibility"): the same jars run on all of them. AUTHBRIDGE_BUILD_GOAL=package builds without
# installing, for a caller that runs the benchmarks in the reactor (-am) and leaves the local repository alone
# (benchmarks/run-soak.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

KC_VERSION="${KC_VERSION:-$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml | head -n1)}"
if ! [[ "$KC_VERSION" =~ ^26\.[0-7]\.[0-9]+$ ]]; then
  echo "KC_VERSION=$KC_VERSION is not a supported Keycloak version: AuthBridge runs on 26.0.x to 26.7.x" \
       "(tested: 26.0.8, 26.2.5, 26.4.7, 26.5.7, 26.6.4, 26.7.5)" >&2
  exit 2
fi
DIST_DIR="target/demo"
KC_DIST="$DIST_DIR/keycloak-$KC_VERSION"

echo "==> Building the AuthBridge providers" >&2
./mvnw -q -B -DskipTests "${AUTHBRIDGE_BUILD_GOAL:-install}" >&2
if [ ! -x "$KC_DIST/bin/kc.sh" ]; then
  echo "==> Fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION" >&2
  ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DIST_DIR" >&2
fi
echo "$KC_DIST"
