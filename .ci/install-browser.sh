#!/bin/sh
# Installs the browser the GraphiQL browser test drives (Debian's chromium and chromium-driver packages)
# when it is missing. Idempotent and quiet: does nothing when both are already installed.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "$(basename "$0"): cannot install chromium and chromium-driver here (not root, no password-less sudo): install it by hand, or the tests that need it fail saying so." >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$(basename "$0"): no apt-get: install chromium and chromium-driver by hand, or the tests that need it fail saying so." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
/usr/bin/chromium --version
