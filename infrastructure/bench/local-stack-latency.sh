#!/usr/bin/env bash
# Measures the local stack: time from launch until the API answers, then the latency of bookings
# through the API stand-in, the real handler and DynamoDB Local (first, then p50/p90 of the next 50).
# Usage: infrastructure/bench/local-stack-latency.sh [runs] [--aot]   (builds first if needed; ports 3300/4700)
# --aot: records the stack's ahead-of-time cache as infrastructure/local/run does (JDK 25, JEP 514/515,
# trained by com.safebook.local.AotTraining with the same JVM options), then measures every run twice,
# without the cache and with it, one after the other.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=../../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
jar="$root/infrastructure/local/target/safebook-local.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
runs=3
with_aot=no
for arg in "$@"; do
  case "$arg" in
    --aot) with_aot=yes ;;
    *) runs="$arg" ;;
  esac
done
jvm=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
log="$(mktemp)"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$log" "$work"' EXIT
variants=("")
if [ "$with_aot" = yes ]; then
  started=$SECONDS
  "${jvm[@]}" -XX:AOTCacheOutput="$work/local.aot" -cp "$jar" com.safebook.local.AotTraining >"$work/training.log" 2>&1
  [ -s "$work/local.aot" ] || { echo "No AOT cache recorded (see $work/training.log)" >&2; exit 1; }
  echo "AOT cache recorded in $((SECONDS - started)) s: $(wc -c <"$work/local.aot") bytes"
  variants=("" "-XX:AOTCache=$work/local.aot")
fi
for run in $(seq 1 "$runs"); do
for variant in "${variants[@]}"; do
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  "${jvm[@]}" $variant -jar "$jar" --in-memory --port 3300 --aws-port 4700 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -s -o /dev/null localhost:3300/local/config && break; sleep 0.05; done
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
  from=$(date -d '+2 days' +%F)
  to=$(date -d '+20 days' +%F)
  slots=$(curl -s "localhost:3300/availability?serviceId=follow-up&from=$from&to=$to" |
    python3 -c 'import json,sys; print(" ".join(s["start"] for s in json.load(sys.stdin)["slots"][:51]))')
  times=()
  for start in $slots; do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -X POST localhost:3300/bookings \
      -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
      -d "{\"serviceId\":\"follow-up\",\"start\":\"$start\",\"customer\":{\"name\":\"Bench\",\"email\":\"bench@example.com\"}}")")
  done
  warm=$(printf '%s\n' "${times[@]:1}" | sort -n | awk '{a[NR]=$1} END {printf "p50=%.1f ms p90=%.1f ms (n=%d)", a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, NR}')
  printf 'run %d%s: API answering %d ms after launch; first booking %.1f ms; warm bookings %s\n' \
    "$run" "${variant:+ (AOT cache)}" "$ready" "$(awk -v t="${times[0]}" 'BEGIN { print t * 1000 }')" "$warm"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
done
done
