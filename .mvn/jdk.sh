# shellcheck shell=sh
# The one place that chooses the JDK for ./mvnw, ./chainwatch and .ci/run.
# chainwatch targets Java 21 (web3j 4.14+ is built for it); any JDK 21+ builds it.
# Order: JAVA_HOME when it is 21 or newer, then well-known JDK locations, else a clear error.
chainwatch_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
chainwatch_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(chainwatch_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then return 0; fi
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
      /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null); do
    if [ -x "$candidate/bin/javac" ]; then
      major=$(chainwatch_java_major "$candidate")
      if [ "${major:-0}" -ge 21 ]; then
        JAVA_HOME=$candidate
        export JAVA_HOME
        return 0
      fi
    fi
  done
  echo "chainwatch needs a JDK 21 or newer: set JAVA_HOME to one, or install one" >&2
  echo "(for example 'apt-get install openjdk-21-jdk' or Temurin 21/25)." >&2
  return 1
}
chainwatch_select_jdk || exit 1
