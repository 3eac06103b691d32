#!/usr/bin/env bash
# End-to-end lint throughput and peak memory on a generated corpus.
#
#   benches/throughput.sh [MEGABYTES=100] [FILES=10000] [RUNS=3] [MIX=tls|all]
#
# MIX=all generates every format kensa reads (TLS servers, VPN, wireless, routers) and,
# after the whole-corpus runs, measures each family directory on its own once.
#
# Builds kensa and the corpus generator in the dist profile (fat LTO, as shipped), writes the corpus to
# $KENSA_CORPUS_DIR (default: $TMPDIR/kensa-corpus), reads it once to warm the page cache,
# then runs `kensa lint --output-format json -o /dev/null DIR` RUNS times under
# /usr/bin/time -v and prints MB/s (10^6 bytes of config per wall-clock second) and the
# peak RSS of each run, then the best MB/s and the worst RSS. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mb="${1:-100}"
files="${2:-10000}"
runs="${3:-3}"
mix="${4:-tls}"
dir="${KENSA_CORPUS_DIR:-${TMPDIR:-/tmp}/kensa-corpus}"
target="${CARGO_TARGET_DIR:-$PWD/target}"

[ -x /usr/bin/time ] || { echo "throughput.sh: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

cargo build --profile dist --quiet --bin kensa --example gen_corpus
"$target/dist/examples/gen_corpus" "$dir" "$mb" "$files" "$mix"
bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
nfiles=$(find "$dir" -type f | wc -l)
cat $(find "$dir" -type f) > /dev/null # warm the page cache: measure kensa, not the disk

echo "corpus: $nfiles files, $bytes bytes, $dir"
echo "machine: $(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo)"
echo "command: kensa lint --output-format json -o /dev/null $dir"
best_mbs=0
worst_rss=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for i in $(seq 1 "$runs"); do
  # Exit code 1 (findings) is expected; 2 would mean unreadable inputs.
  rc=0
  /usr/bin/time -v "$target/dist/kensa" lint --output-format json -o /dev/null "$dir" 2> "$log" || rc=$?
  if [ "$rc" -gt 1 ] && ! grep -q "Exit status: [01]$" "$log"; then
    echo "kensa failed (exit $rc):" >&2; cat "$log" >&2; exit 1
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s}' "$log")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$log")
  mbs=$(awk -v b="$bytes" -v s="$wall" 'BEGIN {printf "%.1f", b / 1e6 / s}')
  rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}')
  echo "run $i: ${wall}s wall, ${mbs} MB/s, peak RSS ${rss_mb} MiB, CPU ${cpu}"
  best_mbs=$(awk -v a="$best_mbs" -v b="$mbs" 'BEGIN {print (b > a) ? b : a}')
  worst_rss=$(awk -v a="$worst_rss" -v b="$rss_mb" 'BEGIN {print (b > a) ? b : a}')
done
if [ "$mix" = all ]; then
  for fam in "$dir"/*/; do
    fam=${fam%/}
    fb=$(find "$fam" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    /usr/bin/time -v "$target/dist/kensa" lint --output-format json -o /dev/null "$fam" 2> "$log" || true
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s}' "$log")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "family $(basename "$fam"): $(find "$fam" -type f | wc -l) files, $fb bytes, ${wall}s, $(awk -v b="$fb" -v s="$wall" 'BEGIN {printf "%.1f", b / 1e6 / s}') MB/s, peak RSS $(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}') MiB"
  done
fi
echo "result: best ${best_mbs} MB/s, peak RSS ${worst_rss} MiB (targets: >= 100 MB/s, < 200 MB)"
