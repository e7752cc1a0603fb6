#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md: cold starts of every function against the floor (fresh JVMs under the
# real Lambda runtime interface client, interleaved), optionally with AOT caches, the cost per booking,
# and warm latency. Builds what it needs, starts the local stack in memory in a process of its own, runs
# the harness against it, and stops the stack. On demand only: it takes 10 to 30 minutes.
#
# Usage: infrastructure/bench/cold-start.sh [--no-build] [harness options]
#   --no-build        use the jars already built
#   harness options   --samples N (20), --warm N (1000; 0 skips), --aot, --no-cost,
#                     --shapes N (transactions of each shape; 1000, 0 skips),
#                     --functions booking,consent,erasure,staff,audit,retention, --out FILE
#                     (default infrastructure/bench/target/bench-results.md); --help lists them all
#                     once the harness is built
# The stack listens on 127.0.0.1 ports SAFEBOOK_BENCH_PORT (3310), SAFEBOOK_BENCH_AWS_PORT (4610) and
# SAFEBOOK_BENCH_WEB_PORT (8310).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=../../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
bench="$root/infrastructure/bench/target"
harness() {
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC \
    -cp "$bench/safebook-bench-1.0.0-SNAPSHOT.jar:$(cat "$bench/harness.classpath")" \
    com.safebook.bench.BenchmarkCommand "$@"
}

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --help)
      sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
      if [ -f "$bench/harness.classpath" ]; then echo; harness --help; fi
      exit 0
      ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "Building the functions, the local stack, the floor and the harness ..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl infrastructure/local,infrastructure/bench/floor,infrastructure/bench -am)
fi

port="${SAFEBOOK_BENCH_PORT:-3310}"
aws_port="${SAFEBOOK_BENCH_AWS_PORT:-4610}"
web_port="${SAFEBOOK_BENCH_WEB_PORT:-8310}"
mkdir -p "$bench/bench-work"
stack_log="$bench/bench-work/local-stack.log"

# The stack with the JVM's default JIT (not the run script's C1-only start): it stands in for DynamoDB
# and KMS, which answer at full speed. No demo data, no TTL sweeps, no throttling of the preparation.
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
  -jar "$root/infrastructure/local/target/safebook-local.jar" \
  --in-memory --no-demo-data --ttl-sweep-seconds 0 --throttle-rate 100000 --throttle-burst 100000 \
  --port "$port" --aws-port "$aws_port" --web-port "$web_port" >"$stack_log" 2>&1 &
stack=$!
trap 'kill "$stack" 2>/dev/null; wait "$stack" 2>/dev/null || true' EXIT

for _ in $(seq 1 600); do
  curl -s -o /dev/null "http://127.0.0.1:$port/local/config" && break
  if ! kill -0 "$stack" 2>/dev/null; then
    echo "The local stack did not start; its output:" >&2
    cat "$stack_log" >&2
    exit 1
  fi
  sleep 0.1
done

harness --api "http://127.0.0.1:$port" --root "$root" \
  --reported-command "infrastructure/bench/cold-start.sh $*" \
  ${args[@]+"${args[@]}"}
