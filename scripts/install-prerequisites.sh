#!/usr/bin/env bash
# Installs, from Debian's packages, what the given commands need and this machine lacks:
#   scripts/install-prerequisites.sh java curl openssl chromium postgresql
# As root it runs apt-get; otherwise through sudo when that needs no password; otherwise it stops at once and
# prints the one command to run. run-tests.sh and run-demo.sh call it first, so a fresh machine needs nothing else.
set -euo pipefail

packages=()
for need in "$@"; do
  case "$need" in
    # A JDK 17 or newer (javac: the build compiles with --release 17).
    java) [ "$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')" -ge 17 ] 2>/dev/null \
            || packages+=(openjdk-17-jdk-headless) ;;
    curl) command -v curl >/dev/null 2>&1 || packages+=(curl) ;;
    openssl) command -v openssl >/dev/null 2>&1 || packages+=(openssl) ;;
    # Playwright drives Debian's Chromium (the browser tests never download one of their own).
    chromium) [ -x /usr/bin/chromium ] || packages+=(chromium) ;;
    postgresql) command -v pg_lsclusters >/dev/null 2>&1 || packages+=(postgresql) ;;
    *) echo "install-prerequisites.sh: unknown prerequisite '$need'" >&2; exit 2 ;;
  esac
done
[ ${#packages[@]} -eq 0 ] && exit 0

install="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages[*]}"
echo "==> Installing ${packages[*]} (Debian packages)"
if [ "$(id -u)" = 0 ]; then
  sh -c "$install"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo -n sh -c "$install"
else
  echo "This machine lacks ${packages[*]}. Install them once, then run this command again:" >&2
  echo "  sudo sh -c '$install'" >&2
  exit 1
fi
