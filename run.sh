#!/usr/bin/env bash
# Starts a single-node OrleansDirect: one silo (localhost clustering, in-memory storage, streams and reminders) and
# one gateway, as two processes, on 127.0.0.1. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")"

GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:5080}"
dotnet build OrleansDirect.sln -c Release --nologo -v quiet
mkdir -p .run

# Media bytes live under .run/media unless Media__Directory is set.
export Media__Directory="${Media__Directory:-$PWD/.run/media}"

# The operator key for the report endpoints (docs/protocol.md, 3.5): kept in .run/operator-key unless set.
operator_key_source="Reports__OperatorKey from the environment"
if [[ -z "${Reports__OperatorKey:-}" ]]; then
  [[ -s .run/operator-key ]] || (umask 077; head -c 33 /dev/urandom | base64 | tr -d '=+/\n' > .run/operator-key)
  export Reports__OperatorKey="$(cat .run/operator-key)"
  operator_key_source=".run/operator-key"
fi

dotnet silo/bin/Release/net10.0/OrleansDirect.Silo.dll --contentRoot "$PWD/silo/bin/Release/net10.0" >.run/silo.log 2>&1 &
silo_pid=$!
trap 'kill $silo_pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

dotnet gateway/bin/Release/net10.0/OrleansDirect.Gateway.dll --contentRoot "$PWD/gateway/bin/Release/net10.0" --urls "$GATEWAY_URL" >.run/gateway.log 2>&1 &
gateway_pid=$!
trap 'kill $gateway_pid $silo_pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "$GATEWAY_URL/health" >/dev/null 2>&1; then
    ws_url="${GATEWAY_URL/http:/ws:}/v1/ws"
    echo "OrleansDirect is running."
    echo "  HTTP API:  $GATEWAY_URL/v1   (POST /v1/accounts, POST /v1/sessions)"
    echo "  WebSocket: $ws_url"
    echo "  Operator:  $GATEWAY_URL/v1/operator/reports   (header 'Authorization: Operator <key>', key: $operator_key_source)"
    echo "  Logs:      .run/silo.log, .run/gateway.log    Stop with Ctrl+C."
    wait $gateway_pid
    exit $?
  fi
  if ! kill -0 $silo_pid 2>/dev/null || ! kill -0 $gateway_pid 2>/dev/null; then
    echo "Start-up failed; see .run/silo.log and .run/gateway.log" >&2
    tail -n 20 .run/silo.log .run/gateway.log >&2
    exit 1
  fi
  sleep 0.5
done
echo "The gateway did not become healthy within 60 s; see .run/gateway.log" >&2
exit 1
