#!/usr/bin/env bash
# Runs one benchmark program: ./bench/run.sh <MainClass simple name or FQN> [args...]
# Builds what is needed first (no tests). Figures are printed; record them in docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench -am install > /dev/null
./tailor up --build-only
main="$1"; shift
[[ "$main" == *.* ]] || main="io.tailor.bench.$main"
props="$root/.mvn/wrapper/maven-wrapper.properties"
required_feature="$(sed -n 's/^requiredJavaFeature=//p' "$props")"
. "$root/.mvn/wrapper/find-jdk.sh"
jdk="$(find_jdk)"
exec "$jdk/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Xmx2g -Dtailor.home="$root" \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" "$main" "$@"
