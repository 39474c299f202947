# shellcheck shell=bash
# Shared by ./mvnw, ./memview and .ci/run: find a JDK 25+ and a Maven, without help from the user.
# Functions print a path on stdout, or one line on stderr and return 1.

MEMVIEW_MIN_JAVA=25
MEMVIEW_MAVEN_VERSION=3.9.11

# The feature release of the JDK at $1 (from its 'release' file, else from 'java -version'), or nothing.
memview_jdk_feature() {
  local home=$1 v=
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  v=${v#1.}
  printf '%s\n' "${v%%[.+-]*}"
}

# A JDK home whose feature release is at least 25: JAVA_HOME, then the java on PATH, then the usual places.
memview_java_home() {
  local cand best= bestv=0 v java
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(memview_jdk_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$MEMVIEW_MIN_JAVA" ]; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  fi
  if java=$(command -v java 2>/dev/null); then
    cand=$(cd "$(dirname "$(readlink -f "$java")")/.." && pwd)
    v=$(memview_jdk_feature "$cand")
    if [ -n "$v" ] && [ "$v" -ge "$MEMVIEW_MIN_JAVA" ]; then printf '%s\n' "$cand"; return 0; fi
  fi
  for cand in /usr/lib/jvm/* /usr/java/* /usr/local/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* \
              "$HOME"/.jdks/* "$HOME"/.local/share/jdks/*; do
    [ -d "$cand" ] || continue
    v=$(memview_jdk_feature "$cand")
    if [ -n "$v" ] && [ "$v" -ge "$MEMVIEW_MIN_JAVA" ] && [ "$v" -gt "$bestv" ]; then best=$cand; bestv=$v; fi
  done
  if [ -n "$best" ]; then printf '%s\n' "$best"; return 0; fi
  echo "memview: no JDK $MEMVIEW_MIN_JAVA or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm and the usual JDK folders); install one or point JAVA_HOME at it." >&2
  return 1
}

# A Maven 3.8.1+: the one on PATH, else one downloaded once from Maven Central into $1/.mvn/dist.
memview_maven() {
  local root=$1 mvn v dist url
  if mvn=$(command -v mvn 2>/dev/null); then
    v=$("$mvn" -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*/\1/p' | head -n 1)
    case "$v" in
      3.8.[1-9]*|3.9.*|3.1[0-9].*|4.*) printf '%s\n' "$mvn"; return 0 ;;
    esac
  fi
  dist="$root/.mvn/dist/apache-maven-$MEMVIEW_MAVEN_VERSION"
  if [ ! -x "$dist/bin/mvn" ]; then
    url="https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$MEMVIEW_MAVEN_VERSION/apache-maven-$MEMVIEW_MAVEN_VERSION-bin.tar.gz"
    echo "memview: no Maven 3.8.1+ on PATH; downloading Maven $MEMVIEW_MAVEN_VERSION from Maven Central (once)." >&2
    mkdir -p "$root/.mvn/dist"
    if ! curl -fsSL "$url" -o "$root/.mvn/dist/maven.tar.gz" 2>/dev/null \
       && ! wget -q "$url" -O "$root/.mvn/dist/maven.tar.gz" 2>/dev/null; then
      echo "memview: could not download Maven from $url; install Maven 3.8.1 or newer." >&2
      return 1
    fi
    tar -xzf "$root/.mvn/dist/maven.tar.gz" -C "$root/.mvn/dist" && rm -f "$root/.mvn/dist/maven.tar.gz"
  fi
  printf '%s\n' "$dist/bin/mvn"
}
