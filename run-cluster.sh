#!/usr/bin/env bash
# Starts a durable, scaled-out OrleansDirect on one machine: PostgreSQL, 3 silos (AdoNet clustering, PostgreSQL
# grain storage and reminders) and 2 gateways, all on 127.0.0.1, as separate processes. Clients may use either
# gateway. Ctrl+C stops everything.
#
# Without PG_CONNECTION, a private PostgreSQL server is created under .run/pg (data kept between runs, so a restart
# keeps every account and message); PostgreSQL's server binaries are installed if missing (Debian/Ubuntu).
# With PG_CONNECTION="Host=...;Port=...;Username=...;Password=...;Database=...", that database is used instead.
set -euo pipefail
cd "$(dirname "$0")"
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
pids=()
pg_started=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$pg_started" ]; then $pg_started stop -m fast >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT INT TERM

dotnet build OrleansDirect.sln -c Release --nologo -v quiet

if [ -z "${PG_CONNECTION:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  port="${PG_PORT:-54329}"
  data="$PWD/.run/pg"
  as=()
  if [ "$(id -u)" -eq 0 ]; then mkdir -p "$data" && chown postgres "$data" && as=(runuser -u postgres --); fi
  [ -d "$data/data" ] || "${as[@]}" "$bin/initdb" -D "$data/data" -A trust -U postgres >/dev/null
  pg_ctl=("${as[@]}" "$bin/pg_ctl" -D "$data/data")
  "${pg_ctl[@]}" -l "$data/log" -w -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
  pg_started="${pg_ctl[*]}"
  "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='orleansdirect'" | grep -q 1 \
    || "${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE orleansdirect"
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=orleansdirect"
fi

export Cluster__ClusterId="${CLUSTER_ID:-local}" PostgreSQL__ConnectionString="$PG_CONNECTION"
silo_dir="$PWD/silo/bin/Release/net10.0"
gateway_dir="$PWD/gateway/bin/Release/net10.0"

echo "== applying the schema"
dotnet "$silo_dir/OrleansDirect.Silo.dll" migrate --contentRoot "$silo_dir" >.run/migrate.log 2>&1 || { cat .run/migrate.log; exit 1; }

for i in 0 1 2; do
  Cluster__Clustering=AdoNet Storage__Provider=PostgreSQL Cluster__SiloPort=$((11111 + i)) Cluster__GatewayPort=$((30000 + i)) \
    dotnet "$silo_dir/OrleansDirect.Silo.dll" --contentRoot "$silo_dir" >".run/silo-$i.log" 2>&1 &
  pids+=($!)
done
for i in 0 1; do
  Cluster__Clustering=AdoNet Cluster__ConnectionString="$PG_CONNECTION" \
    dotnet "$gateway_dir/OrleansDirect.Gateway.dll" --contentRoot "$gateway_dir" --urls "http://127.0.0.1:$((5080 + i))" >".run/gateway-$i.log" 2>&1 &
  pids+=($!)
done

for _ in $(seq 1 120); do
  if curl -fsS http://127.0.0.1:5080/health >/dev/null 2>&1 && curl -fsS http://127.0.0.1:5081/health >/dev/null 2>&1; then
    echo "OrleansDirect cluster is running: 3 silos (ports 11111-11113, gateways 30000-30002), 2 gateways."
    echo "  Gateway 1: http://127.0.0.1:5080/v1   ws://127.0.0.1:5080/v1/ws"
    echo "  Gateway 2: http://127.0.0.1:5081/v1   ws://127.0.0.1:5081/v1/ws"
    echo "  PostgreSQL: $PG_CONNECTION"
    echo "  Operator key (for /v1/operator/reports): $operator_key_source"
    echo "  Logs: .run/silo-{0,1,2}.log, .run/gateway-{0,1}.log. Stop with Ctrl+C."
    wait -n "${pids[@]}"
    echo "A process exited; stopping the cluster." >&2
    exit 1
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "Start-up failed; see .run/*.log" >&2; tail -n 20 .run/silo-*.log .run/gateway-*.log >&2; exit 1; }
  done
  sleep 0.5
done
echo "The gateways did not become healthy within 60 s; see .run/*.log" >&2
exit 1
