#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium. Install it when it is missing and we may
# (root with apt-get); otherwise say how.
set -euo pipefail
command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the end-to-end tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need chromium: run 'sudo apt-get install -y chromium'." >&2
exit 1
