#!/usr/bin/env bash
# Runs every test: unit, cluster, end to end, and durable. The durable tests start their own private PostgreSQL
# server (no shared database is touched) and need the server binaries; they are installed here when missing
# (Debian/Ubuntu, as root or through sudo). Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  echo "== installing the PostgreSQL server binaries (needed by the durable tests)"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

exec dotnet test "$@"
