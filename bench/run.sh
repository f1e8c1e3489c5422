#!/usr/bin/env bash
# Runs one benchmark program: ./bench/run.sh <Class under io.tailor.bench, e.g. profile.ProfileIngestBenchmark> [args...]
# Builds the bench module and the services it runs (BENCH_SERVICES, default: all six; empty for none, e.g. for a
# probe against a running ./tailor up, whose packaged services must not be rebuilt under it) without tests first.
# Figures are printed; record them in docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
services="${BENCH_SERVICES-profile-service,segment-service,recommendation-service,content-service,experiment-service,gateway}"
./mvnw -q -B -DskipTests -pl "bench${services:+,$services}" -am install
main="$1"; shift
[[ "$main" == io.* ]] || main="io.tailor.bench.$main"
props="$root/.mvn/wrapper/maven-wrapper.properties"
required_feature="$(sed -n 's/^requiredJavaFeature=//p' "$props")"
. "$root/.mvn/wrapper/find-jdk.sh"
jdk="$(find_jdk)"
exec "$jdk/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Xmx2g -Dtailor.home="$root" \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" "$main" "$@"
