#!/usr/bin/env bash
# Debian's Virtuoso open source for the tests marked `virtuoso`: the suite starts its own server
# (tests/virtuoso_server.py) on a fresh database in a temporary folder, so the package's own
# service is not needed and is not started.
set -euo pipefail
if [ -x /usr/bin/virtuoso-t ]; then
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
/usr/bin/virtuoso-t -? 2>&1 | head -n 1
