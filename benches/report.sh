#!/usr/bin/env bash
# Hand-over report (`kensa report`) time and peak memory on a generated site:
# DEVICES nginx configs, each with enough legacy TLS server blocks for FINDINGS findings in
# all (default 1,000 devices, 100,000 findings; target: under 5 s and 300 MB peak RSS).
#
#   benches/report.sh [DEVICES=1000] [FINDINGS=100000] [RUNS=3]
#
# Builds kensa in the dist profile (fat LTO, as shipped) unless KENSA names a binary,
# writes the site to $KENSA_REPORT_DIR (default: $TMPDIR/kensa-report-site), and runs
# `kensa report DIR -o report.html` (and `--json`) RUNS times under /usr/bin/time -v.
# SOURCE_DATE_EPOCH is set so runs write identical bytes. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

devices="${1:-1000}"
findings="${2:-100000}"
runs="${3:-3}"
dir="${KENSA_REPORT_DIR:-${TMPDIR:-/tmp}/kensa-report-site}"
target="${CARGO_TARGET_DIR:-$PWD/target}"

[ -x /usr/bin/time ] || { echo "report.sh: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }
if [ -z "${KENSA:-}" ]; then
    cargo build --profile dist --quiet --bin kensa
    KENSA="$target/dist/kensa"
fi

# One server block gives 10 findings (legacy protocols, TLS 1.2 exception, prohibited and
# outside-profile suites, no client certificate, HSTS, OCSP, ...): measured below, not assumed.
rm -rf "$dir" && mkdir -p "$dir/site"
block() {
    printf 'server {\n    listen %d ssl;\n    server_name dev%d-%d.example.jp;\n    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n    ssl_ciphers ALL:@SECLEVEL=0;\n    ssl_prefer_server_ciphers off;\n    ssl_stapling off;\n}\n' "$((8000 + $2))" "$1" "$2"
}
probe="$dir/probe"
mkdir -p "$probe" && block 0 0 > "$probe/one.conf"
per_block=$(SOURCE_DATE_EPOCH=0 "$KENSA" report --json "$probe/one.conf" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
blocks=$(( (findings / devices + per_block - 1) / per_block ))
for d in $(seq 1 "$devices"); do
    { echo "http {"; for b in $(seq 1 "$blocks"); do block "$d" "$b"; done; echo "}"; } > "$dir/site/device$d.conf"
done
cat "$dir"/site/* > /dev/null # warm the page cache: measure kensa, not the disk
echo "devices: $devices, server blocks per device: $blocks, findings per block: $per_block"

for fmt in html json; do
    for r in $(seq 1 "$runs"); do
        flag=(); [ "$fmt" = json ] && flag=(--json)
        SOURCE_DATE_EPOCH=1796083200 /usr/bin/time -v "$KENSA" report "${flag[@]}" --lang ja "$dir/site" -o "$dir/report.$fmt" 2> "$dir/time.txt" || { cat "$dir/time.txt" >&2; exit 1; }
        wall=$(grep 'Elapsed (wall clock)' "$dir/time.txt" | awk '{print $NF}')
        rss=$(grep 'Maximum resident' "$dir/time.txt" | awk '{print $NF}')
        size=$(stat -c %s "$dir/report.$fmt")
        echo "$fmt run $r: wall $wall, peak RSS $((rss / 1024)) MiB, report $((size / 1048576)) MiB"
    done
done
python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print("findings in the report:", len(v["findings"]), "devices:", len(v["compliance"]["devices"]))' "$dir/report.json"
