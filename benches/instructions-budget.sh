#!/usr/bin/env bash
# Lint's instruction budget, checked the way rustls's ci-bench checks its own: instructions
# on one thread (callgrind's count, see benches/instructions.sh) do not wander with the
# machine's load the way wall-clock time does, so a change that makes lint do more work
# shows as a number, not as a feeling about a noisy benchmark.
#
#   benches/instructions-budget.sh            # exit 1 when a corpus is over its budget
#   benches/instructions-budget.sh --update   # write today's counts as the new budget
#
# The budget file (benches/instructions-budget.txt) holds a tolerance in percent and, per
# generated corpus, the instructions of `kensa lint --output-format json -o /dev/null` on
# it. A count above budget × (1 + tolerance) fails; one below budget × (1 − tolerance) is
# reported, so the budget can be lowered after a deliberate gain (`--update`, and say why
# in the commit). Counts depend on the toolchain and on which SIMD paths the CPU takes
# (memchr, jemalloc): update the budget when either changes, not to hide a regression.
# Needs valgrind. The corpora are `gen_corpus`'s (deterministic: same bytes every run).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=benches/instructions-budget.txt
target="${CARGO_TARGET_DIR:-$PWD/target}"
command -v valgrind > /dev/null || { echo "instructions-budget.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }

cargo build --profile dist --quiet --bin kensa --example gen_corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tolerance=$(awk '$1 == "tolerance" {print $2}' "$budget")
status=0
new=$(mktemp)
{ grep '^#' "$budget" || true; echo "tolerance $tolerance"; } > "$new"
for mix in tls all; do
  "$target/dist/examples/gen_corpus" "$work/$mix" 3 300 "$mix" > /dev/null
  count=$(benches/instructions.sh "$work/$mix" "$target/dist/kensa" | awk '{print $2}')
  echo "$mix $count" >> "$new"
  allowed=$(awk -v m="$mix" '$1 == m {print $2}' "$budget")
  if [ -z "$allowed" ]; then
    echo "$mix: $count instructions (no budget yet)"
    continue
  fi
  verdict=$(awk -v c="$count" -v b="$allowed" -v t="$tolerance" 'BEGIN {
    d = (c - b) / b * 100
    printf "%+.1f%% ", d
    if (d > t) print "OVER BUDGET"; else if (d < -t) print "below budget: lower it with --update"; else print "within budget" }')
  echo "$mix: $count instructions, budget $allowed, $verdict"
  case "$verdict" in *"OVER BUDGET"*) status=1 ;; esac
done
if [ "${1:-}" = --update ]; then
  cp "$new" "$budget"
  echo "wrote $budget"
  status=0
fi
rm -f "$new"
exit "$status"
