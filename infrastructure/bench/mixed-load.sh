#!/usr/bin/env bash
# A mixed load on the local stack from wrk: availability, bookings (new and returning customers),
# manage reads and staff day views, for 60 s by default. Fails (exit 1) on any socket error or any
# answer that is not a 2xx. The stack runs in memory on its own ports, with the API throttle raised
# so that the load measures the system rather than the template's 50 requests per second (the
# throttle itself is proven by the tests).
# Usage: infrastructure/bench/mixed-load.sh [--duration S] [--threads N] [--connections N] [--out FILE]
# Needs wrk and python3 (Debian: apt-get install wrk python3).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/infrastructure/bench"
duration=60 threads=2 connections=16 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option: $1 (try --duration, --threads, --connections, --out)" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 2; }
# shellcheck source=../../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
jar="$root/infrastructure/local/target/safebook-local.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)

# Three free ports, so that the run does not collide with a stack already running.
read -r port aws_port web_port < <(python3 -c 'import socket
s = [socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1", 0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
api="http://127.0.0.1:$port"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -jar "$jar" --in-memory --port $port --aws-port $aws_port --web-port $web_port \
  --throttle-rate 100000 --throttle-burst 100000 >"$work/stack.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do curl -s -o /dev/null "$api/local/config" && break; sleep 0.1; done
curl -s -o /dev/null "$api/local/config" || { echo "the local stack did not start:" >&2; cat "$work/stack.log" >&2; exit 1; }

python3 "$bench/mixed_load_prepare.py" "$api" "$work/data.lua"
SAFEBOOK_LOAD_DATA="$work/data.lua" SAFEBOOK_LOAD_THREADS="$threads" \
  wrk --threads "$threads" --connections "$connections" --duration "${duration}s" --timeout 10s --latency \
  --script "$bench/mixed-load.lua" "$api" | tee "$work/wrk.txt"

result="$(grep '^RESULT' "$work/wrk.txt")"
bad="$(awk '$1 == "STATUS" && ($2 < 200 || $2 > 299) { n += $3 } END { print n + 0 }' "$work/wrk.txt")"
socket_errors="$(sed -n 's/.*socket_errors=\([0-9]*\).*/\1/p' <<<"$result")"
summary="$(printf '%s\nwrk --threads %s --connections %s --duration %ss on %s cores (%s)\n' \
  "$(grep -E '^(RESULT|STATUS|KIND)' "$work/wrk.txt")" "$threads" "$connections" "$duration" "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)")"
[ -n "$out" ] && printf '%s\n' "$summary" >"$out"
if [ "$bad" -ne 0 ] || [ "$socket_errors" -ne 0 ]; then
  echo "FAILED: $bad answers outside 2xx, $socket_errors socket errors" >&2
  # What the stack logged of them: route, status and problem type (it logs no personal data).
  grep -E -- '-> [3-5][0-9][0-9] ' "$work/stack.log" | head -20 >&2 || true
  grep -E -A12 'ERROR|Exception' "$work/stack.log" | head -60 >&2 || true
  exit 1
fi
echo "OK: every answer was a 2xx"
