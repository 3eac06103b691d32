#!/usr/bin/env bash
# Runs every fuzz target in fuzz/fuzz_targets/ for the given number of seconds each
# (default 600), one after the other, on stable Rust (no sanitizer; RUSTC_BOOTSTRAP lets
# cargo-fuzz pass the nightly-only flags it needs). Stops at the first target that finds a
# crash; the reproducer is then in fuzz/artifacts/<target>/.
#
#   fuzz/run-all.sh [SECONDS=600]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
command -v cargo-fuzz >/dev/null || { echo "run-all.sh: needs cargo-fuzz (cargo install cargo-fuzz)" >&2; exit 2; }
export RUSTC_BOOTSTRAP=1
for f in fuzz_targets/*.rs; do
  t=$(basename "$f" .rs)
  corpus="corpus/$t"
  mkdir -p "$corpus"
  seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  echo "== $t: ${secs}s"
  start=$(date +%s)
  cargo fuzz run "$t" -s none "$corpus" "${seeds[@]}" -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
  echo "== $t: ran clean for $(( $(date +%s) - start ))s"
done
