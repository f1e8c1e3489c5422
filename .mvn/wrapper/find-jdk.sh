# Finds a JDK whose feature release is at least $required_feature; sourced by ./mvnw and ./tailor.
# Prints the feature release (e.g. 25) of the JDK at $1, or nothing when $1 is not a JDK.
java_feature() {
  local home="$1" version=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$home/release")"
  fi
  if [ -z "$version" ]; then
    version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  fi
  version="${version#1.}"
  echo "${version%%[.+-]*}"
}

find_jdk() {
  local candidate feature
  for candidate in "${TAILOR_JAVA_HOME:-}" "${JAVA_HOME:-}" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    feature="$(java_feature "$candidate")"
    if [ -n "$feature" ] && [ "$feature" -ge "$required_feature" ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

