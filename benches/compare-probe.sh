#!/usr/bin/env bash
# Compare kensa's probe with sslscan, nmap ssl-enum-ciphers and sslyze on loopback
# `openssl s_server`s: wall time, TCP connections (SYNs counted on lo with tcpdump), and
# whether each tool's accepted version/suite sets equal the server's configuration.
# Then time a 200-endpoint loopback scan at concurrency 64, and a 1,000-target scan of one
# nginx listening on 1,000 ports: kensa's own CPU time per target (user + sys), peak RSS, and
# whether every target's result equals probing that target alone.
#
#   benches/compare-probe.sh            # needs root for tcpdump; installs missing peers
#   RUNS=5 ENDPOINTS=200 TARGETS=1000 benches/compare-probe.sh
#   KENSA=path/to/probe benches/compare-probe.sh   # an already built examples/probe
#
# Only 127.0.0.1 is ever contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
ENDPOINTS=${ENDPOINTS:-200}
TARGETS_N=${TARGETS:-1000}
PROFILE=${PROFILE:-dist}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need sslscan || ! need nmap || ! need tcpdump; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sslscan nmap tcpdump >/dev/null
fi
need sslyze || pip install -q sslyze >/dev/null
need tcpdump || { echo "tcpdump missing: connections will not be counted" >&2; }

if [ -n "${KENSA:-}" ]; then
  :
elif [ "$PROFILE" = dist ]; then
  cargo build -q --profile dist --example probe; KENSA=$CARGO_TARGET_DIR/dist/examples/probe
else
  cargo build -q --example probe; KENSA=$CARGO_TARGET_DIR/debug/examples/probe
fi

WORK=$(mktemp -d)
PIDS=()
# start_server runs in a command substitution (a subshell), so its servers' pids go to a file.
cleanup() {
  for p in "${PIDS[@]}" $(cat "$WORK/pids" 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$WORK/k.pem" -out "$WORK/c.pem" 2>/dev/null

ELEVEN="ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA:AES256-SHA:CAMELLIA128-SHA:@SECLEVEL=0"
declare -A ARGS TRUTH_CIPHER TRUTH_13 TRUTH_VERS
ARGS[tls13-only]="-tls1_3 -ciphersuites TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256"
TRUTH_VERS[tls13-only]="TLS1.3"; TRUTH_CIPHER[tls13-only]=""; TRUTH_13[tls13-only]="TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256"
ARGS[tls10-13-11suites-serverpref]="-min_protocol TLSv1 -serverpref -cipher $ELEVEN"
TRUTH_VERS[tls10-13-11suites-serverpref]="TLS1.0 TLS1.1 TLS1.2 TLS1.3"; TRUTH_CIPHER[tls10-13-11suites-serverpref]="$ELEVEN"
TRUTH_13[tls10-13-11suites-serverpref]="TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"
ARGS[client-cert-required]="-min_protocol TLSv1.2 -Verify 1 -CAfile $WORK/c.pem"
TRUTH_VERS[client-cert-required]="TLS1.2 TLS1.3"; TRUTH_CIPHER[client-cert-required]="DEFAULT"
TRUTH_13[client-cert-required]="TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"
CBC="ECDHE-RSA-AES128-SHA:AES256-SHA256"
ARGS[cbc-only-client-cert]="-tls1_2 -cipher $CBC -Verify 1 -CAfile $WORK/c.pem"
TRUTH_VERS[cbc-only-client-cert]="TLS1.2"; TRUTH_CIPHER[cbc-only-client-cert]="$CBC"; TRUTH_13[cbc-only-client-cert]=""
# TLS 1.3 with secp521r1 as the only group: rustls has no P-521, kensa's own TLS 1.3
# handshake (src/probe/tls13_raw.rs) decides client auth and reads the chain.
ARGS[p521-only-client-cert]="-tls1_3 -groups P-521 -Verify 1 -CAfile $WORK/c.pem"
TRUTH_VERS[p521-only-client-cert]="TLS1.3"; TRUTH_CIPHER[p521-only-client-cert]=""
TRUTH_13[p521-only-client-cert]="TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"
SERVERS="tls13-only tls10-13-11suites-serverpref client-cert-required cbc-only-client-cert p521-only-client-cert"

# Starts an s_server on an ephemeral port; prints the port once it is accepting.
start_server() {
  local log="$WORK/srv.$RANDOM$RANDOM"
  # shellcheck disable=SC2086
  openssl s_server -accept 127.0.0.1:0 -cert "$WORK/c.pem" -key "$WORK/k.pem" -www $1 >"$log" 2>/dev/null </dev/null &
  PIDS+=($!)
  echo "$!" >> "$WORK/pids"
  until grep -q '^ACCEPT' "$log" 2>/dev/null; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "s_server $1 died" >&2; exit 1; }
    sleep 0.02
  done
  sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$log"
}

# Truth: the server's configured suites per version, as IANA names (RSA certificate).
truth() {
  local name=$1
  python3 - "$name" "${TRUTH_VERS[$name]}" "${TRUTH_CIPHER[$name]}" "${TRUTH_13[$name]}" <<'EOF'
import json, subprocess, sys
name, vers, cipher, t13 = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4]
flags = {"TLS1.0": "-tls1", "TLS1.1": "-tls1_1", "TLS1.2": "-tls1_2"}
out = {}
for v in vers:
    if v == "TLS1.3":
        out[v] = sorted(t13.split(":"))
        continue
    lines = subprocess.run(["openssl", "ciphers", "-v", "-stdname", "-s", flags[v], cipher],
                           capture_output=True, text=True).stdout.splitlines()
    keep = []
    for l in lines:
        f = l.split()
        au = next((x for x in f if x.startswith("Au=")), "")
        kx = next((x for x in f if x.startswith("Kx=")), "")
        if au in ("Au=RSA", "Au=None", "Au=any") and "PSK" not in kx and "SRP" not in kx:
            keep.append(l.split(" - ")[0].strip())
    out[v] = sorted(keep)
print(json.dumps(out))
EOF
}

# Counts SYNs to $port while running the command; prints "seconds connections".
measure() {
  local port=$1; shift
  local pcap="$WORK/cap.$port.$RANDOM.pcap" err="$WORK/tcpdump.$RANDOM$RANDOM.err" tp=""
  if need tcpdump; then
    tcpdump -i lo -nn -U --immediate-mode -w "$pcap" "tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn and dst port $port" 2>"$err" &
    tp=$!
    until grep -q "listening on" "$err" 2>/dev/null; do sleep 0.02; done
  fi
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  local syns="-"
  if [ -n "$tp" ]; then
    sleep 0.3   # let the last packets reach the capture (immediate mode) before stopping it
    kill -INT "$tp"; wait "$tp" 2>/dev/null || true
    syns=$(tcpdump -nn -r "$pcap" 2>/dev/null | wc -l)
  fi
  echo "$(echo "$t1 - $t0" | bc -l) $syns"
}

# Extracts one tool's accepted sets from its output file as JSON {version: [IANA names]}.
extract() {
  python3 - "$1" "$2" <<'EOF'
import json, re, subprocess, sys
tool, path = sys.argv[1], sys.argv[2]
names = {}
for l in subprocess.run(["openssl", "ciphers", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                        capture_output=True, text=True).stdout.splitlines():
    parts = l.split(" - ")
    iana, ossl = parts[0].strip(), parts[1].split()[0]
    names[ossl] = iana
vmap = {"SSLv3": "SSL3.0", "TLSv1.0": "TLS1.0", "TLSv1.1": "TLS1.1", "TLSv1.2": "TLS1.2", "TLSv1.3": "TLS1.3"}
out = {}
try:
    text = open(path).read()
except OSError:
    text = ""
if tool == "kensa":
    for line in text.splitlines():
        d = json.loads(line)
        out = {v: sorted(s) for v, s in d.get("cipher_suites", {}).items()}
elif tool == "sslscan":
    for m in re.finditer(r'<cipher status="(accepted|preferred)" sslversion="([^"]+)"[^>]*cipher="([^"]+)"', text):
        v = vmap.get(m.group(2), m.group(2))
        out.setdefault(v, set()).add(names.get(m.group(3), m.group(3)))
    out = {v: sorted(s) for v, s in out.items()}
elif tool == "nmap":
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        root = None
    if root is not None:
        for script in root.iter("script"):
            if script.get("id") != "ssl-enum-ciphers":
                continue
            for vt in script.findall("table"):
                v = vmap.get(vt.get("key"), vt.get("key"))
                for ct in vt.iter("table"):
                    if ct.get("key") != "ciphers":
                        continue
                    for c in ct.findall("table"):
                        for e in c.findall("elem"):
                            if e.get("key") == "name":
                                n = e.text.replace("TLS_AKE_WITH_", "TLS_")
                                out.setdefault(v, set()).add(n)
    out = {v: sorted(s) for v, s in out.items()}
elif tool == "sslyze":
    try:
        d = json.loads(text)
        sr = d["server_scan_results"][0]["scan_result"]
        for key, v in [("ssl_3_0_cipher_suites", "SSL3.0"), ("tls_1_0_cipher_suites", "TLS1.0"),
                       ("tls_1_1_cipher_suites", "TLS1.1"), ("tls_1_2_cipher_suites", "TLS1.2"),
                       ("tls_1_3_cipher_suites", "TLS1.3")]:
            r = (sr.get(key) or {}).get("result") or {}
            acc = [c["cipher_suite"]["name"] for c in r.get("accepted_cipher_suites", [])]
            if acc:
                out[v] = sorted(acc)
    except Exception:
        pass
print(json.dumps(out))
EOF
}

run_tool() {
  local tool=$1 port=$2 out=$3
  case $tool in
    kensa) measure "$port" sh -c "'$KENSA' 127.0.0.1:$port > '$out'" ;;
    sslscan) measure "$port" sslscan --no-colour --xml="$out" "127.0.0.1:$port" ;;
    nmap) measure "$port" nmap -Pn -n -p "$port" --script ssl-enum-ciphers,ssl-cert -oX "$out" 127.0.0.1 ;;
    sslyze) measure "$port" sslyze --quiet --json_out="$out" "127.0.0.1:$port" ;;
  esac
}

FLOORS=()
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "## Single endpoint: full enumeration (median of $RUNS runs, connections = SYNs on lo)"
echo
echo "| server | tool | wall s | connections | versions | suites accepted | equals server config |"
echo "|---|---|---|---|---|---|---|"
for s in $SERVERS; do
  port=$(start_server "${ARGS[$s]}")
  want=$(truth "$s")
  for tool in kensa sslscan nmap sslyze; do
    times=(); conns=()
    for _ in $(seq "$RUNS"); do
      out="$WORK/$tool.$s.out"; rm -f "$out"
      read -r t c < <(run_tool "$tool" "$port" "$out")
      times+=("$t"); conns+=("$c")
    done
    got=$(extract "$tool" "$out")
    row=$(python3 - "$want" "$got" <<'EOF'
import json, sys
want, got = json.loads(sys.argv[1]), json.loads(sys.argv[2])
vers = " ".join(sorted(got))
n = sum(len(v) for v in got.values())
if got == want:
    verdict = "yes"
else:
    diffs = []
    for v in sorted(set(want) | set(got)):
        w, g = set(want.get(v, [])), set(got.get(v, []))
        if w != g:
            diffs.append(f"{v}: -{len(w - g)} +{len(g - w)}")
    verdict = "no (" + "; ".join(diffs) + ")"
print(f"{vers or '-'} | {n} | {verdict}")
EOF
)
    t=$(printf '%s\n' "${times[@]}" | median)
    c=$(printf '%s\n' "${conns[@]}" | median)
    printf '| %s | %s | %.2f | %s | %s |\n' "$s" "$tool" "$t" "$c" "$row"
    if [ "$tool" = kensa ]; then
      # The floor any enumeration needs: accepted suites + versions + groups (kensa's own
      # measurement of them, checked against the server's configuration in the row above).
      FLOORS+=("$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); n=sum(map(len,d["cipher_suites"].values()))+len(d["versions"])+len(d["groups"]); print(sys.argv[2], sys.argv[3], n, d["handshakes"], d["client_auth"])' "$out" "$s" "$c")")
    fi
  done
done
echo
echo "| server | kensa connections (SYNs) | handshakes counted by kensa | floor (suites + versions + groups) | ratio | client auth |"
echo "|---|---|---|---|---|---|"
for f in "${FLOORS[@]}"; do
  read -r s c n h a <<<"$f"
  printf '| %s | %s | %s | %s | %.2f | %s |\n' "$s" "$c" "$h" "$n" "$(echo "$h / $n" | bc -l)" "$a"
done

echo
echo "## $ENDPOINTS loopback endpoints, kensa --concurrency 64"
echo
TARGETS="$WORK/targets.txt"; : > "$TARGETS"
i=0
for n in $(seq "$ENDPOINTS"); do
  set -- $SERVERS; idx=$(( n % 3 + 1 )); s=${!idx}
  port=$(start_server "${ARGS[$s]}")
  echo "127.0.0.1:$port  # $s" >> "$TARGETS"
  i=$((i+1))
done
t0=$(date +%s.%N)
summary=$("$KENSA" --concurrency 64 --timeout-ms 5000 --summary --targets "$TARGETS")
t1=$(date +%s.%N)
echo "| endpoints | concurrency | wall s | ok | handshakes |"
echo "|---|---|---|---|---|"
python3 - "$summary" "$(echo "$t1 - $t0" | bc -l)" "$ENDPOINTS" <<'EOF'
import json, sys
d = json.loads(sys.argv[1])
print(f"| {sys.argv[3]} | 64 | {float(sys.argv[2]):.2f} | {d['ok']} | {d['handshakes']} |")
EOF

echo
echo "## $TARGETS_N loopback targets (one nginx, one port each), kensa --concurrency 64"
echo
# Three server configurations (TLS 1.2+1.3; TLS 1.3 only; client certificate required), a
# third of the ports each, in one nginx with one worker per core.
NG="$WORK/nginx"; mkdir -p "$NG/logs"
NPORTS=()
# Below Linux's ephemeral range (32768-60999), where the client sides of the earlier
# sections' connections live; skipping any port in use in any state.
p=$(( RANDOM % 5000 + 20000 ))
while [ "${#NPORTS[@]}" -lt "$TARGETS_N" ]; do
  p=$((p + 1))
  ss -Htan "sport = :$p" | grep -q . || NPORTS+=("$p")
done
{
  echo "worker_processes 2; pid $NG/nginx.pid; error_log $NG/logs/error.log; daemon on;"
  echo "events { worker_connections 4096; }"
  echo "http { access_log off; ssl_certificate $WORK/c.pem; ssl_certificate_key $WORK/k.pem;"
  for kind in 0 1 2; do
    echo "server {"
    for i in $(seq "$kind" 3 $((TARGETS_N - 1))); do echo "listen 127.0.0.1:${NPORTS[$i]} ssl;"; done
    case $kind in
      0) echo "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20:ECDHE+AES:AES256-SHA;" ;;
      1) echo "ssl_protocols TLSv1.3;" ;;
      2) echo "ssl_protocols TLSv1.2 TLSv1.3; ssl_verify_client on; ssl_client_certificate $WORK/c.pem;" ;;
    esac
    echo "location / { return 200 ok; } }"
  done
  echo "}"
} > "$NG/nginx.conf"
ulimit -n 65536 2>/dev/null || true
nginx -p "$NG" -c "$NG/nginx.conf" -e "$NG/logs/error.log"
cleanup_nginx() { if [ -f "$NG/nginx.pid" ]; then kill "$(cat "$NG/nginx.pid")" 2>/dev/null || true; fi; }
trap 'cleanup_nginx; cleanup' EXIT
until [ -f "$NG/nginx.pid" ]; do sleep 0.05; done
MANY="$WORK/many.txt"
printf 'https://127.0.0.1:%s\n' "${NPORTS[@]}" > "$MANY"
/usr/bin/time -f "%e %U %S %M" -o "$WORK/many.time" "$KENSA" --concurrency 64 --timeout-ms 10000 --targets "$MANY" > "$WORK/many.jsonl"
# Each target alone, one process each, one at a time.
while read -r t; do "$KENSA" --timeout-ms 10000 "$t"; done < "$MANY" > "$WORK/alone.jsonl"
python3 - "$WORK/many.time" "$WORK/many.jsonl" "$WORK/alone.jsonl" "$TARGETS_N" <<'EOF'
import json, sys
wall, user, sys_, rss = open(sys.argv[1]).read().split()[-4:]
n = int(sys.argv[4])
def load(p):
    out = {}
    for line in open(p):
        d = json.loads(line)
        d.pop("elapsed_ms", None)
        out[d["target"]] = d
    return out
many, alone = load(sys.argv[2]), load(sys.argv[3])
ok = sum(1 for d in many.values() if "error" not in d)
same = sum(1 for t, d in many.items() if alone.get(t) == d)
hs = sum(d["handshakes"] for d in many.values())
cpu = float(user) + float(sys_)
print("| targets | wall s | ok | connections | kensa user+sys s | CPU ms/target | peak RSS MiB | equal to alone |")
print("|---|---|---|---|---|---|---|---|")
print(f"| {n} | {float(wall):.2f} | {ok} | {hs} | {cpu:.2f} | {cpu * 1000 / n:.2f} | {int(rss) / 1024:.1f} | {same}/{n} |")
EOF

echo
echo "## nginx per host (https://127.0.0.1:PORT, one port of each configuration above), $RUNS runs"
echo
# The lab's nginx servers beside the s_servers: kensa's wall time against sslscan's and
# sslyze's on the same port in the same run (the ratio is what issue 20 sets: >= 10x and
# >= 25x), and kensa's connections against its floor (accepted suites + versions + groups).
echo "| nginx configuration | run | kensa s | kensa connections (floor) | sslscan s | × | sslyze s | × |"
echo "|---|---|---|---|---|---|---|---|"
NGNAMES=("tls12-13" "tls13-only" "client-cert-required")
for kind in 0 1 2; do
  port=${NPORTS[$kind]}
  for r in $(seq "$RUNS"); do
    out="$WORK/ng.$kind.json"
    read -r tk ck < <(measure "$port" sh -c "'$KENSA' https://127.0.0.1:$port > '$out'")
    read -r ts _ < <(measure "$port" sslscan --no-colour "127.0.0.1:$port")
    read -r ty _ < <(measure "$port" sslyze --quiet "127.0.0.1:$port")
    floor=$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print(sum(map(len,d["cipher_suites"].values()))+len(d["versions"])+len(d["groups"]))' "$out")
    printf '| %s | %s | %.3f | %s (%s) | %.3f | %.0f | %.3f | %.0f |\n' "${NGNAMES[$kind]}" "$r" "$tk" "$ck" "$floor" \
      "$ts" "$(echo "$ts / $tk" | bc -l)" "$ty" "$(echo "$ty / $tk" | bc -l)"
  done
done
