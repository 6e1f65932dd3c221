#!/bin/sh
# Installs Debian's redis-server for the Redis tests (scaleout: two replicas, the shared read store), which
# start their own server on a free loopback port. Idempotent and quiet: does nothing when it is installed.
# No system service is started: policy-rc.d (101: action forbidden) tells the package's scripts not to.
set -eu
if [ -x /usr/bin/redis-server ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "$(basename "$0"): cannot install redis-server here (not root, no password-less sudo): install it by hand, or the tests that need it fail saying so." >&2
    exit 0
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$(basename "$0"): no apt-get: install redis-server by hand, or the tests that need it fail saying so." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
POLICY=/usr/sbin/policy-rc.d
ADDED_POLICY=""
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  ADDED_POLICY=1
fi
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
if [ -n "$ADDED_POLICY" ]; then $SUDO rm -f "$POLICY"; fi
/usr/bin/redis-server --version
