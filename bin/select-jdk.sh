# Sourced (POSIX sh) by ./venndb, ./mvnw and .ci/run: exports JAVA_HOME pointing at a JDK 25+.
# Order: $JAVA_HOME when it is 25+, then every JDK under /usr/lib/jvm (newest first).
# Why here and not in each script: the default `java` on our machines is 17, and a build that
# silently used it would fail later with a far less helpful message.

venndb_jdk_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing when it is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
}

venndb_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(venndb_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME; return 0; fi
  fi
  best=""; best_v=0
  # `find` rather than a glob: mvnw runs with `set -f`, which turns globbing off.
  for d in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null | sort); do
    v=$(venndb_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ]; then
    echo "VennDB needs JDK 25 or newer. JAVA_HOME (${JAVA_HOME:-unset}) is not one and none was found under /usr/lib/jvm." >&2
    echo "Install a JDK 25+ (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}
