#!/usr/bin/env bash
# Instructions executed by `kensa lint` on one rayon thread (callgrind's Ir count): a
# measure of the work that does not wander with the VM the way wall-clock time does (±20%
# from run to run on the development machine), for comparing two builds of kensa.
#
#   benches/instructions.sh DIR KENSA_BINARY...
#
# Prints one line per binary: its path and the instruction count of
# `kensa lint --output-format json -o /dev/null DIR`. Valgrind runs ~50x slower than
# native, so use a few megabytes of corpus (e.g. three directories of the generated one).
# System calls and cache misses are not counted: confirm a change with interleaved
# wall-clock runs (docs/performance.md) before believing it.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: benches/instructions.sh DIR KENSA_BINARY..." >&2; exit 2; }
command -v valgrind > /dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
dir=$1
shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for bin in "$@"; do
  # Exit code 1 (findings) is expected.
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" "$bin" lint --output-format json -o /dev/null "$dir" \
    > /dev/null 2> "$out/log" || true
  ir=$(awk '/Collected :/ {print $4}' "$out/log")
  [ -n "$ir" ] || { echo "instructions.sh: no count for $bin:" >&2; cat "$out/log" >&2; exit 1; }
  echo "$bin $ir"
done
