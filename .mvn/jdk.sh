# shellcheck shell=sh
# Finds a JDK of release 25 or newer and exports JAVA_HOME, so that `./mvnw` and the local stack's
# run script work on a machine whose default `java` is older. Sourced, never executed.
safebook_jdk_release() {
  # Prints the feature release of the JDK at $1 (25 for 25.0.1), or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

safebook_find_jdk() {
  safebook_best=""
  safebook_best_release=0
  safebook_seen=""
  safebook_java_on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$safebook_java_on_path" ]; then
    safebook_java_on_path=$(dirname "$(dirname "$(readlink -f "$safebook_java_on_path")")")
  fi
  # Callers may run with globbing off (mvnw uses set -f); turn it on only for this loop.
  case $- in *f*) safebook_noglob=1 ;; *) safebook_noglob=0 ;; esac
  set +f
  for safebook_candidate in "${SAFEBOOK_JAVA_HOME-}" "${JAVA_HOME-}" "$safebook_java_on_path" \
    /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$safebook_candidate" ] && [ -d "$safebook_candidate" ] || continue
    safebook_release=$(safebook_jdk_release "$safebook_candidate")
    [ -n "$safebook_release" ] || continue
    safebook_seen="$safebook_seen $safebook_release:$safebook_candidate"
    if [ "$safebook_release" -ge 25 ] && [ "$safebook_release" -gt "$safebook_best_release" ]; then
      safebook_best=$safebook_candidate
      safebook_best_release=$safebook_release
      # A JAVA_HOME that is already new enough wins: respect the user's choice.
      case "$safebook_candidate" in "${SAFEBOOK_JAVA_HOME-}"|"${JAVA_HOME-}") break ;; esac
    fi
  done
  [ "$safebook_noglob" = 1 ] && set -f
  if [ -z "$safebook_best" ]; then
    echo "SafeBook needs a JDK of release 25 or newer, and none was found." >&2
    echo "Looked at JAVA_HOME, the java on PATH and the usual JDK folders; found:${safebook_seen:- nothing}" >&2
    echo "Install one (for example Eclipse Temurin 25: 'apt-get install temurin-25-jdk' from the Adoptium" >&2
    echo "repository, or 'sdk install java 25-tem'), or point SAFEBOOK_JAVA_HOME at one." >&2
    return 1
  fi
  JAVA_HOME=$safebook_best
  export JAVA_HOME
}

safebook_find_jdk || exit 1
