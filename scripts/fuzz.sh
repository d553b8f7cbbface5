#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of the pure parsers, one fuzz test after the other: Jazzer fuzzes one test per JVM.
# Each starts from its committed seeds (src/test/resources/fuzz/<target>/ of its module) and runs FUZZ_DURATION
# (default 60s; e.g. FUZZ_DURATION=10m for a long run). A finding fails the run; Jazzer writes the input to the
# module's folder (crash-*): add it to the target's seeds once the bug is fixed, so every build replays it.
# The corpus Jazzer grows is kept in <module>/.cifuzz-corpus/ (not committed) and picked up by the next run.
# Usage: scripts/fuzz.sh [Class#method ...]   (default: all of them)
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${FUZZ_DURATION:-60s}"
declare -A MODULE=(
  [DigestFuzzTest#authorizationHeader]=authenticators
  [DigestFuzzTest#nonce]=authenticators
  [ApiKeyFuzzTest#jsonBody]=authenticators
  [ApiKeyFuzzTest#tenantList]=authenticators
  [IpAllowListFuzzTest#allowListText]=ip-policy
)
if [ $# -gt 0 ]; then
  TESTS=("$@")
else
  TESTS=(DigestFuzzTest#authorizationHeader DigestFuzzTest#nonce ApiKeyFuzzTest#jsonBody ApiKeyFuzzTest#tenantList
         IpAllowListFuzzTest#allowListText)
fi

echo "==> Installing common (its tests-jar holds the seed reader)" >&2
./mvnw -B -q install -DskipTests -pl common

status=0
summary=()
for test in "${TESTS[@]}"; do
  module="${MODULE[$test]:?unknown fuzz test $test}"
  echo "==> Fuzzing $test ($module) for $DURATION" >&2
  log="$module/target/fuzz-${test//#/-}.log"
  mkdir -p "$module/target"
  if JAZZER_FUZZ=1 ./mvnw -B test -pl "$module" -Dtest="$test" -Djazzer.hooks=true -Djazzer.max_duration="$DURATION" \
      >"$log" 2>&1; then
    result=ok
  else
    result=FINDING
    status=1
    grep -E 'FuzzTestFinding|Caused by|crash-|Test unit written' "$log" | head -n 20 >&2 || true
  fi
  runs="$(grep -oE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)"
  cov="$(grep -oE 'DONE +cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1 | tr -s ' ' || true)"
  summary+=("$test: $result, ${runs:-no fuzzing run (see $log)}${cov:+, ${cov#DONE }}")
done

printf '%s\n' "${summary[@]}"
exit "$status"
