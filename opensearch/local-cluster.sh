#!/usr/bin/env bash
# A local OpenSearch 2.19 cluster for tests and measurements, from Maven Central artifacts: the
# integ-test distribution, the analysis-common and lang-painless modules it leaves out, and the
# k-NN plugin (vectors, Lucene engine only: its native engines are not in the Central zip).
#
#   opensearch/local-cluster.sh start [NODES]   starts NODES nodes (default 3) on 127.0.0.1 and
#                                               prints their URLs, comma-separated, on stdout
#   opensearch/local-cluster.sh stop            kills every node it started and removes its data
#   opensearch/local-cluster.sh url             prints the URLs of the running cluster
#   opensearch/local-cluster.sh kill-node I     SIGKILLs node I (from 0), for fault tests
#   opensearch/local-cluster.sh start-node I    starts node I again and waits for green
#
# Both commands are idempotent: starting a running cluster of the same size prints its URLs,
# stopping a stopped one does nothing. Downloads are cached in ~/.cache/sectionsearch-opensearch;
# nodes, data and logs live in $SECTIONSEARCH_OPENSEARCH_STATE (/tmp/sectionsearch-opensearch).
# HTTP ports start at $SECTIONSEARCH_OPENSEARCH_PORT (19200), transport ports 100 above, so that
# a developer's own OpenSearch on 9200 is left alone. Security is off: it binds 127.0.0.1 only.
#
# OpenSearch refuses to run as root: run as root, the script creates (once) and uses the
# unprivileged system user "sectionsearch-os".
set -euo pipefail

# 2.19.1: the newest version whose k-NN plugin is on Central (a plugin must match the server's
# version exactly)
VERSION=2.19.1
KNN_VERSION=$VERSION.0
ASM_VERSION=9.7
ANTLR_VERSION=4.13.1
CENTRAL=${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/sectionsearch-opensearch
STATE=${SECTIONSEARCH_OPENSEARCH_STATE:-/tmp/sectionsearch-opensearch}
BASE_PORT=${SECTIONSEARCH_OPENSEARCH_PORT:-19200}
HEAP=${SECTIONSEARCH_OPENSEARCH_HEAP:-384m}
RUN_USER=sectionsearch-os

say() { echo "local-cluster: $*" >&2; }
die() { say "$*"; exit 1; }

urls() {
  local nodes=$1 list="" i
  for ((i = 0; i < nodes; i++)); do
    list+="${list:+,}http://127.0.0.1:$((BASE_PORT + i))"
  done
  echo "$list"
}

running_nodes() {
  local count=0 pidfile
  for pidfile in "$STATE"/node-*/opensearch.pid; do
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && count=$((count + 1))
  done
  echo "$count"
}

fetch() {
  # fetch FILE PATH: a Central artifact into the cache, once
  local file=$CACHE/$1
  if [ ! -s "$file" ]; then
    curl -fsSL -o "$file.part" "$CENTRAL/$2"
    mv "$file.part" "$file"
  fi
}

download() {
  # the distribution, the modules it lacks and the k-NN plugin, all from Maven Central
  mkdir -p "$CACHE"
  [ -s "$CACHE/opensearch-$VERSION.zip" ] || say "downloading OpenSearch $VERSION (57 MB, once)"
  fetch "opensearch-$VERSION.zip" \
    "org/opensearch/distribution/integ-test-zip/opensearch/$VERSION/opensearch-$VERSION.zip"
  fetch "analysis-common-$VERSION.jar" \
    "org/opensearch/plugin/analysis-common/$VERSION/analysis-common-$VERSION.jar"
  fetch "lang-painless-$VERSION.jar" \
    "org/opensearch/plugin/lang-painless/$VERSION/lang-painless-$VERSION.jar"
  fetch "opensearch-scripting-painless-spi-$VERSION.jar" \
    "org/opensearch/plugin/opensearch-scripting-painless-spi/$VERSION/opensearch-scripting-painless-spi-$VERSION.jar"
  fetch "antlr4-runtime-$ANTLR_VERSION.jar" \
    "org/antlr/antlr4-runtime/$ANTLR_VERSION/antlr4-runtime-$ANTLR_VERSION.jar"
  local asm
  for asm in asm asm-util asm-tree asm-commons asm-analysis; do
    fetch "$asm-$ASM_VERSION.jar" "org/ow2/asm/$asm/$ASM_VERSION/$asm-$ASM_VERSION.jar"
  done
  fetch "opensearch-knn-$KNN_VERSION.zip" \
    "org/opensearch/plugin/opensearch-knn/$KNN_VERSION/opensearch-knn-$KNN_VERSION.zip"
}

install() {
  # one installation shared by the nodes; each node has its own config, data and logs
  rm -rf "$STATE/opensearch-$VERSION"
  unzip -q "$CACHE/opensearch-$VERSION.zip" -d "$STATE"
  local module=$STATE/opensearch-$VERSION/modules/analysis-common
  mkdir -p "$module"
  cp "$CACHE/analysis-common-$VERSION.jar" "$module/"
  # the integ-test distribution leaves this module out; the english analyzer lives in it
  cat >"$module/plugin-descriptor.properties" <<EOF
description=Adds "built in" analyzers to OpenSearch.
version=$VERSION
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$VERSION
extended.plugins=
has.native.controller=false
EOF
  # the k-NN plugin extends lang-painless, which the integ-test distribution leaves out too
  local painless=$STATE/opensearch-$VERSION/modules/lang-painless jar
  mkdir -p "$painless"
  for jar in "lang-painless-$VERSION" "opensearch-scripting-painless-spi-$VERSION" \
    "antlr4-runtime-$ANTLR_VERSION" asm{,-util,-tree,-commons,-analysis}-$ASM_VERSION; do
    cp "$CACHE/$jar.jar" "$painless/"
  done
  cat >"$painless/plugin-descriptor.properties" <<EOF
description=An easy, safe and fast scripting language for OpenSearch
version=$VERSION
name=lang-painless
classname=org.opensearch.painless.PainlessPlugin
java.version=11
opensearch.version=$VERSION
extended.plugins=
has.native.controller=false
EOF
  # painless compiles scripts to classes in their own class loaders
  cat >"$painless/plugin-security.policy" <<EOF
grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
EOF
  # vectors (knn_vector fields, knn queries); only its Lucene engine runs here, so the backend
  # names that engine in every mapping
  mkdir -p "$STATE/opensearch-$VERSION/plugins/opensearch-knn"
  unzip -q "$CACHE/opensearch-knn-$KNN_VERSION.zip" -d "$STATE/opensearch-$VERSION/plugins/opensearch-knn"
}

configure_node() {
  local i=$1 nodes=$2 dir=$STATE/node-$1 seeds="" managers="" j
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  cp -r "$STATE/opensearch-$VERSION/config" "$dir/config"
  for ((j = 0; j < nodes; j++)); do
    seeds+="${seeds:+, }\"127.0.0.1:$((BASE_PORT + 100 + j))\""
    managers+="${managers:+, }\"node-$j\""
  done
  {
    echo "cluster.name: sectionsearch-local"
    echo "node.name: node-$i"
    echo "network.host: 127.0.0.1"
    echo "http.port: $((BASE_PORT + i))"
    echo "transport.port: $((BASE_PORT + 100 + i))"
    echo "path.data: $dir/data"
    echo "path.logs: $dir/logs"
    # a small test disk must not make the cluster refuse shards
    echo "cluster.routing.allocation.disk.threshold_enabled: false"
    if [ "$nodes" = 1 ]; then
      echo "discovery.type: single-node"
    else
      echo "discovery.seed_hosts: [$seeds]"
      echo "cluster.initial_cluster_manager_nodes: [$managers]"
    fi
  } >"$dir/config/opensearch.yml"
  # heap from the environment, not jvm.options' 1 GB: three nodes must fit beside the build
  sed -i -e '/^-Xm[sx]/d' -e 's|^-XX:HeapDumpPath=.*|-XX:HeapDumpPath='"$dir"'/logs|' \
    -e 's|logs/gc.log|'"$dir"'/logs/gc.log|' -e 's|logs/hs_err|'"$dir"'/logs/hs_err|' \
    "$dir/config/jvm.options"
}

as_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$RUN_USER" -- "$@"
  else
    "$@"
  fi
}

start() {
  local nodes=${1:-3} i java_home
  [[ "$nodes" =~ ^[1-9][0-9]*$ ]] || die "NODES must be a positive number, not '$nodes'"
  if [ -f "$STATE/nodes" ] && [ "$(running_nodes)" = "$(cat "$STATE/nodes")" ]; then
    if [ "$(cat "$STATE/nodes")" = "$nodes" ]; then
      urls "$nodes"
      return
    fi
    die "a cluster of $(cat "$STATE/nodes") nodes is running: stop it first"
  fi
  stop
  command -v java >/dev/null || die "java not found (OpenSearch $VERSION needs Java 11 or later)"
  command -v curl >/dev/null || die "curl not found"
  command -v unzip >/dev/null || die "unzip not found"
  java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  download
  mkdir -p "$STATE"
  install
  if [ "$(id -u)" = 0 ] && ! id "$RUN_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
  fi
  for ((i = 0; i < nodes; i++)); do
    configure_node "$i" "$nodes"
  done
  echo "$nodes" >"$STATE/nodes"
  [ "$(id -u)" = 0 ] && chown -R "$RUN_USER" "$STATE"
  for ((i = 0; i < nodes; i++)); do
    launch "$i"
  done
  wait_for yellow "$nodes"
}

launch() {
  local i=$1 dir=$STATE/node-$1 java_home
  java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  (cd "$dir" && as_user env OPENSEARCH_JAVA_HOME="$java_home" OPENSEARCH_PATH_CONF="$dir/config" \
    OPENSEARCH_TMPDIR="$dir/tmp" OPENSEARCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
    "$STATE/opensearch-$VERSION/bin/opensearch" -d -p "$dir/opensearch.pid" \
    >>"$dir/logs/stdout.log" 2>&1) || { tail -n 20 "$dir/logs/stdout.log" >&2; die "node-$i did not start"; }
}

wait_for() {
  local status=$1 nodes=$2 i
  local url=http://127.0.0.1:$BASE_PORT
  local health="$url/_cluster/health?wait_for_status=$status&wait_for_nodes=$nodes&timeout=5s"
  for ((i = 0; i < 60; i++)); do
    if curl -fsS "$health" 2>/dev/null | grep -q '"timed_out":false'; then
      say "cluster of $nodes node(s) is $status (logs in $STATE/node-*/logs)"
      urls "$nodes"
      return
    fi
    sleep 2
  done
  tail -n 30 "$STATE"/node-0/logs/*.log >&2 || true
  die "the cluster at $url did not become $status within 2 minutes"
}

# For fault tests: SIGKILL one node (no shutdown, as a crash), and start it again on its data.
kill_node() {
  local pidfile=$STATE/node-$1/opensearch.pid
  [ -f "$pidfile" ] || die "no node-$1 is running"
  kill -9 "$(cat "$pidfile")"
  rm -f "$pidfile"
  say "node-$1 killed"
}

start_node() {
  [ -d "$STATE/node-$1" ] || die "no node-$1 in $STATE"
  launch "$1"
  # answers on the first node once the restarted one joined and its shards recovered
  wait_for green "$(cat "$STATE/nodes")"
}

stop() {
  local pidfile pid pids=() i
  # the pids first: a node removes its own pid file as it shuts down
  for pidfile in "$STATE"/node-*/opensearch.pid; do
    [ -f "$pidfile" ] && pids+=("$(cat "$pidfile" 2>/dev/null)")
  done
  for pid in "${pids[@]}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 30; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  kill-node) kill_node "${2:?node number, from 0}" ;;
  start-node) start_node "${2:?node number, from 0}" >/dev/null ;;
  url) [ -f "$STATE/nodes" ] && urls "$(cat "$STATE/nodes")" || die "no cluster is running" ;;
  *) die "usage: $0 start [NODES] | stop | url | kill-node I | start-node I" ;;
esac
