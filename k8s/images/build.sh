#!/usr/bin/env bash
# Builds the six service images with a container engine (docker or podman) from the repository root.
#   k8s/images/build.sh jvm      ./mvnw package, then tailor/<service>:0.1.0-jvm
#   k8s/images/build.sh native   ./mvnw -Pnative package with the Mandrel builder container, then tailor/<service>:0.1.0
# ENGINE=podman selects podman; SKIP_BUILD=1 reuses what target/ holds; TAG overrides 0.1.0.
set -euo pipefail
mode=${1:?usage: build.sh jvm|native}
engine=${ENGINE:-docker}
tag=${TAG:-0.1.0}
cd "$(dirname "$0")/../.."
services=(gateway profile-service segment-service recommendation-service content-service experiment-service)
modules=$(IFS=,; echo "${services[*]}")

case "$mode" in
  jvm)
    [[ -n "${SKIP_BUILD:-}" ]] || ./mvnw -B -DskipTests -pl "$modules" -am package
    suffix=-jvm ;;
  native)
    # One service at a time: native-image needs several GB of memory per build.
    if [[ -z "${SKIP_BUILD:-}" ]]; then
      ./mvnw -B -DskipTests -pl contracts,service-kit,rules install
      for s in "${services[@]}"; do
        ./mvnw -B -Pnative -DskipTests -pl "$s" package \
          -Dquarkus.native.container-build=true -Dquarkus.native.container-runtime="$engine"
      done
    fi
    suffix= ;;
  *) echo "unknown mode $mode (jvm or native)" >&2; exit 2 ;;
esac

for s in "${services[@]}"; do
  "$engine" build -f "k8s/images/Dockerfile.$mode" --build-arg SERVICE="$s" -t "tailor/$s:$tag$suffix" .
done
echo "Built: ${services[*]/#/tailor/} ($tag$suffix)"
