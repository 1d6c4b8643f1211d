#!/usr/bin/env bash
# Runs LuceneLine on Lucene 9.12 (Java 17) and Lucene 10.x (Java 21+) interleaved, ROUNDS rounds,
# the order of the two lines swapped every round, so that load from other processes hits both.
# Build both first (see pom.xml). usage: run.sh CORPUS_DIR [ROUNDS] [WORK_DIR]
# CORPUS_DIR holds sections.tsv and queries.txt (../../../shared/corpora/make-markdown-corpus.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$1; rounds=${2:-2}; work=${3:-$(mktemp -d)}
java9=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
java10=${JAVA21PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
v9=$(ls -d "$here"/target/lucene-9.*); v10=$(ls -d "$here"/target/lucene-10.*)
run() { # java target name args...
  local java=$1 target=$2 name=$3; shift 3
  local flags=(); [[ $target == *lucene-10.* ]] && flags=(--add-modules jdk.incubator.vector)
  echo "load $(cut -d' ' -f1-3 /proc/loadavg) before $(basename "$target") $*"
  "$java" "${flags[@]}" -cp "$target/classes:$target/lib/*" dev.sectionsearch.lucene.LuceneLine "$@" 2>/dev/null \
    | sed "s/^result /result round=$round /"
}
line() { # java target
  local d=$work/$(basename "$2")
  run "$1" "$2" x index "$corpus/sections.tsv" "$d-text1" 1
  run "$1" "$2" x index "$corpus/sections.tsv" "$d-text" 2
  run "$1" "$2" x vectors "$corpus/sections.tsv" "$d-vectors"
  run "$1" "$2" x search "$d-text" "$d-vectors" "$corpus/queries.txt"
  rm -rf "$d-text1" "$d-text" "$d-vectors"
}
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then line "$java9" "$v9"; line "$java10" "$v10"
  else line "$java10" "$v10"; line "$java9" "$v9"; fi
done
