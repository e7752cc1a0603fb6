#!/usr/bin/env bash
# Runs the JMH benchmarks of the warm hot paths (infrastructure/microbench): the availability
# computation, field encryption and the blind index, and JSON at the booking function's edge.
# Builds target/benchmarks.jar first when it is missing or older than the sources. The default
# settings are short, for a 2-core machine: one fork, one thread, 3 x 3 s warm-up, 5 x 5 s measured
# (about 7 minutes for all of them).
# Usage: infrastructure/bench/jmh.sh [benchmark regex ...]        e.g. jmh.sh Availability
#        JMH_OPTS='-f 2 -wi 5 -i 10' infrastructure/bench/jmh.sh  (replaces the default settings)
# Results are printed, and written as JSON to infrastructure/microbench/target/jmh-results.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=../../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"
module="$root/infrastructure/microbench"
jar="$module/target/benchmarks.jar"
stale() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/shared" "$root/functions/booking" "$module" \
    -type f \( -name '*.java' -o -name 'pom.xml' -o -name '*.json' -o -name '*.xml' \) \
    -not -path '*/target/*' -newer "$jar" -print -quit)" ]
}
if stale; then
  echo "Building the benchmarks (target/benchmarks.jar) ..."
  (cd "$root" && ./mvnw -q -B -pl infrastructure/microbench -am package -Pbenchmarks -DskipTests)
fi
read -r -a settings <<<"${JMH_OPTS:--f 1 -t 1 -wi 3 -w 3s -i 5 -r 5s}"
# The forks inherit these JVM flags: DynamoDB Local (the key table, set-up only) loads SQLite natively,
# and JMH 1.37 still uses sun.misc.Unsafe.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar "$jar" \
  "${settings[@]}" \
  -foe true -rf json -rff "$module/target/jmh-results.json" "$@"
