//! Judge the audited tree, never the auditor's machine (issue 17 §1, §2 includes).
//!
//! Each test builds a copied device tree and a stand-in for the running machine's `/` in a
//! temporary folder; `KENSA_HOST_ROOT` points kensa's idea of the machine's `/` at the
//! stand-in (the real `/etc` is never written). A decoy puts different content at the
//! same absolute path in both, so the verdict shows which one kensa read.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/nginx/certs");

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_cert(name: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(Path::new(SAMPLES).join(name), to).unwrap();
}

/// `kensa lint --output-format json ARGS` with the machine's `/` at `host`.
fn lint(host: &Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("kensa")
        .unwrap()
        .env("KENSA_HOST_ROOT", host)
        .env("KENSA_NOW", "2026-12-01")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .args(["lint", "--output-format", "json", "--lang", "en", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rules(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map_or_else(Vec::new, |a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
}

const NGINX: &str = "http {\n    server {\n        listen 443 ssl;\n        server_name portal.example-hospital.jp;\n        ssl_certificate /etc/ssl/certs/portal.pem;\n        ssl_certificate_key /etc/ssl/private/portal.key;\n        include /etc/nginx/snippets/tls.conf;\n    }\n}\n";
const TREE_TLS: &str = "ssl_protocols TLSv1.3;\n";
const HOST_TLS: &str = "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n";

/// The device tree `audit/hospital-a` and the machine `host` hold the same absolute paths
/// with different content: the snippet (TLS 1.3 only in the tree, TLS 1.0 on the machine)
/// and the certificate (RSA 2048 in the tree, the legacy weak one on the machine).
fn decoy(d: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let tree = d.join("audit/hospital-a");
    let host = d.join("host");
    for root in [&tree, &host] {
        write(&root.join("etc/nginx/nginx.conf"), NGINX);
    }
    write(&tree.join("etc/nginx/snippets/tls.conf"), TREE_TLS);
    write(&host.join("etc/nginx/snippets/tls.conf"), HOST_TLS);
    copy_cert("renkei.example-hospital.jp.crt", &tree.join("etc/ssl/certs/portal.pem"));
    copy_cert("pacs-legacy.crt", &host.join("etc/ssl/certs/portal.pem"));
    (tree, host)
}

#[test]
fn a_copied_tree_is_judged_from_the_tree_not_the_machine() {
    let d = tempfile::tempdir().unwrap();
    let (tree, host) = decoy(d.path());
    let input = tree.join("etc/nginx/nginx.conf");
    let v = lint(&host, &[input.to_str().unwrap()]);
    let found = rules(&v);
    assert!(!found.iter().any(|r| r == "TLS001"), "the machine's TLS 1.0 snippet was read: {found:?}");
    assert!(!found.iter().any(|r| r == "TLS011"), "the machine's weak certificate was read: {found:?}");
    let i = &v["inputs"][0];
    assert_eq!(i["root"]["kind"], "inferred");
    assert_eq!(i["root"]["path"], tree.to_str().unwrap());
    assert_eq!(strings(&i["included"]), [tree.join("etc/nginx/snippets/tls.conf").to_str().unwrap()]);
    assert_eq!(strings(&i["read_files"]), [tree.join("etc/ssl/certs/portal.pem").to_str().unwrap()]);
    let host_s = host.to_str().unwrap();
    assert!(!v.to_string().contains(host_s), "nothing of the machine's appears: {v}");
}

#[test]
fn the_live_file_reads_the_machine() {
    let d = tempfile::tempdir().unwrap();
    let (_, host) = decoy(d.path());
    let input = host.join("etc/nginx/nginx.conf");
    let v = lint(&host, &[input.to_str().unwrap()]);
    let found = rules(&v);
    assert!(found.iter().any(|r| r == "TLS001"), "the live snippet enables TLS 1.0: {found:?}");
    assert!(found.iter().any(|r| r == "TLS011"), "the live certificate is weak: {found:?}");
    assert_eq!(v["inputs"][0]["root"]["kind"], "live");
}

#[test]
fn root_option_says_where_the_devices_root_is() {
    let d = tempfile::tempdir().unwrap();
    let (tree, host) = decoy(d.path());
    // The config alone, away from the tree (no etc/ above it).
    let flat = d.path().join("flat/nginx.conf");
    write(&flat, NGINX);
    let v = lint(&host, &["--root", tree.to_str().unwrap(), flat.to_str().unwrap()]);
    assert!(!rules(&v).iter().any(|r| r == "TLS001" || r == "TLS011"), "{v}");
    assert_eq!(v["inputs"][0]["root"]["kind"], "given");
    // `--root` naming the machine's `/` makes the input live.
    let v = lint(&host, &["--root", host.to_str().unwrap(), flat.to_str().unwrap()]);
    assert!(rules(&v).iter().any(|r| r == "TLS001"), "{v}");
    assert_eq!(v["inputs"][0]["root"]["kind"], "live");
}

#[test]
fn a_file_missing_from_the_tree_is_a_diagnostic_not_the_machines_file() {
    let d = tempfile::tempdir().unwrap();
    let (tree, host) = decoy(d.path());
    std::fs::remove_file(tree.join("etc/nginx/snippets/tls.conf")).unwrap();
    std::fs::remove_file(tree.join("etc/ssl/certs/portal.pem")).unwrap();
    let v = lint(&host, &[tree.join("etc/nginx/nginx.conf").to_str().unwrap()]);
    assert!(!rules(&v).iter().any(|r| r == "TLS001" || r == "TLS011"), "{v}");
    let i = &v["inputs"][0];
    assert_eq!(i["partly_judged"], true);
    let diags = i["diagnostics"].as_array().unwrap();
    let at = |line: u64, text: &str| diags.iter().any(|x| x["line"] == line && x["message"].as_str().unwrap().contains(text));
    assert!(at(7, "/etc/nginx/snippets/tls.conf not found"), "{diags:?}");
    assert!(at(5, "not in the audited tree"), "{diags:?}");
    assert!(i.get("read_files").is_none() && i.get("included").is_none(), "{i}");
}

/// A copy of the configuration folder alone (no etc/ above it, like the bundled samples):
/// absolute paths are found by their tails inside the folder, never on the machine.
#[test]
fn a_copied_config_folder_finds_absolute_paths_inside_it() {
    let d = tempfile::tempdir().unwrap();
    let (_, host) = decoy(d.path());
    let copy = d.path().join("nginx-copy");
    write(&copy.join("nginx.conf"), NGINX);
    write(&copy.join("snippets/tls.conf"), TREE_TLS);
    let v = lint(&host, &[copy.join("nginx.conf").to_str().unwrap()]);
    assert!(!rules(&v).iter().any(|r| r == "TLS001" || r == "TLS011"), "{v}");
    let i = &v["inputs"][0];
    assert_eq!(i["root"]["kind"], "config-dir");
    assert_eq!(strings(&i["included"]), [copy.join("snippets/tls.conf").to_str().unwrap()]);
    // The certificate is not in the copy: said, not taken from the machine.
    assert_eq!(i["partly_judged"], true);
}

/// An include glob matching nothing: information in a copied tree (the copy may be
/// incomplete; partly judged), plain on the live machine (an empty conf.d is normal).
#[test]
fn an_include_glob_matching_nothing_is_said_and_marks_a_copy_partly_judged() {
    let d = tempfile::tempdir().unwrap();
    let conf = "http {\n    include /etc/nginx/conf.d/*.conf;\n    server {\n        listen 80;\n    }\n}\n";
    let tree = d.path().join("audit/etc/nginx/nginx.conf");
    let host = d.path().join("host");
    write(&tree, conf);
    write(&host.join("etc/nginx/nginx.conf"), conf);
    let v = lint(&host, &[tree.to_str().unwrap()]);
    let i = &v["inputs"][0];
    let d0 = &i["diagnostics"][0];
    assert_eq!((d0["level"].as_str(), d0["line"].as_u64()), (Some("info"), Some(2)), "{i}");
    assert!(d0["message"].as_str().unwrap().contains("matches no file in the audited tree"), "{d0}");
    assert_eq!(i["partly_judged"], true);
    let v = lint(&host, &[host.join("etc/nginx/nginx.conf").to_str().unwrap()]);
    let i = &v["inputs"][0];
    assert!(
        i["diagnostics"][0]["message"].as_str().unwrap().contains("matches no file (nothing to judge)"),
        "{i}"
    );
    assert_eq!(i["partly_judged"], false);
}

/// (level, line) of the diagnostics whose message holds `text`.
fn diags_with(v: &Value, text: &str) -> Vec<(String, u64)> {
    v["inputs"][0]["diagnostics"].as_array().map_or_else(Vec::new, |a| {
        a.iter()
            .filter(|x| x["message"].as_str().unwrap().contains(text))
            .map(|x| (x["level"].as_str().unwrap().to_string(), x["line"].as_u64().unwrap()))
            .collect()
    })
}

/// Includes that match nothing, in every format that has them: a missing file is an error
/// at its line, a glob matching nothing (legitimate on a device) information; either way
/// the copied input is partly judged.
#[test]
fn includes_matching_nothing_in_every_format() {
    let d = tempfile::tempdir().unwrap();
    let host = d.path().join("host");
    std::fs::create_dir_all(&host).unwrap();
    // (file in the tree, --as, text, expected (level, line) of the include diagnostics)
    type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, u64)]);
    let cases: [Case; 5] = [
        (
            "etc/apache2/apache2.conf",
            "apache",
            "ServerName portal.example-hospital.jp\nIncludeOptional conf-enabled/*.conf\nInclude ports.conf\n",
            &[("info", 2), ("error", 3)],
        ),
        (
            "etc/ipsec.conf",
            "ipsec-conf",
            "config setup\n    uniqueids=yes\n\ninclude /etc/ipsec.d/*.conf\ninclude /etc/ipsec.d/hospital.conf\n",
            &[("info", 4), ("error", 5)],
        ),
        (
            "etc/swanctl/swanctl.conf",
            "swanctl",
            "connections {\n}\ninclude conf.d/*.conf\ninclude /etc/swanctl/hospital.conf\n",
            &[("info", 3), ("error", 4)],
        ),
        (
            "etc/openvpn/client.conf",
            "openvpn",
            "client\ndev tun\nremote vpn.example-hospital.jp 1194\nconfig /etc/openvpn/common.conf\n",
            &[("error", 4)],
        ),
        (
            "etc/nginx/nginx.conf",
            "nginx",
            "http {\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/mime.types;\n}\n",
            &[("info", 2), ("error", 3)],
        ),
    ];
    for (path, format, text, expected) in cases {
        let file = d.path().join("audit").join(path);
        write(&file, text);
        let v = lint(&host, &["--as", format, file.to_str().unwrap()]);
        let mut got = diags_with(&v, "matches no file in the audited tree");
        got.extend(diags_with(&v, "not found"));
        got.sort_by_key(|x| x.1);
        let want: Vec<(String, u64)> = expected.iter().map(|(l, n)| (l.to_string(), *n)).collect();
        assert_eq!(got, want, "{format}: {v}");
        assert_eq!(v["inputs"][0]["partly_judged"], true, "{format}");
    }
}

/// OpenVPN `config FILE` reads the file's options in place: they are judged.
#[test]
fn openvpn_config_directive_is_followed() {
    let d = tempfile::tempdir().unwrap();
    let client = d.path().join("audit/etc/openvpn/client.conf");
    write(
        &client,
        "client\ndev tun\nremote vpn.example-hospital.jp 1194\nconfig /etc/openvpn/common.conf\n",
    );
    write(&d.path().join("audit/etc/openvpn/common.conf"), "auth SHA1\n");
    let v = lint(d.path(), &[client.to_str().unwrap()]);
    let sha1 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "VPN013")
        .expect("auth SHA1 from the included file");
    assert_eq!(sha1["location"]["path"], d.path().join("audit/etc/openvpn/common.conf").to_str().unwrap());
    assert_eq!(v["inputs"][0]["partly_judged"], false, "{}", v["inputs"][0]);
}

/// A file mode describes the device only on the live file: on a copy, VPN021 says to check
/// the mode on the device (info) instead of accusing it (error), in both languages.
#[cfg(unix)]
#[test]
fn key_file_mode_accuses_only_the_live_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let wg = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/VPN021/bad/wg0.wireguard")).unwrap();
    let host = d.path().join("host");
    let (copy, live) = (d.path().join("audit/etc/wireguard/wg0.conf"), host.join("etc/wireguard/wg0.conf"));
    for f in [&copy, &live] {
        write(f, &wg);
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let vpn021 = |v: &Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "VPN021")
            .cloned()
            .expect("VPN021")
    };
    let f = vpn021(&lint(&host, &[copy.to_str().unwrap()]));
    assert_eq!(f["severity"], "info", "{f}");
    assert!(f["message"].as_str().unwrap().contains("check it there"), "{f}");
    assert!(f["evidence"].as_str().unwrap().contains("file mode 0644"), "{f}");
    let f = vpn021(&lint(&host, &[live.to_str().unwrap()]));
    assert_eq!(f["severity"], "error", "{f}");
    assert!(f["message"].as_str().unwrap().contains("readable by every local user"), "{f}");
    let ja = Command::cargo_bin("kensa")
        .unwrap()
        .env("KENSA_HOST_ROOT", &host)
        .args(["lint", "--lang", "ja", "--color", "never", "--fail-on", "never", copy.to_str().unwrap()])
        .output()
        .unwrap();
    let ja = String::from_utf8(ja.stdout).unwrap();
    assert!(ja.contains("機器で確認してください"), "{ja}");
    // The mode 0600 passes on the live file.
    std::fs::set_permissions(&live, std::fs::Permissions::from_mode(0o600)).unwrap();
    let v = lint(&host, &[live.to_str().unwrap()]);
    assert!(!rules(&v).iter().any(|r| r == "VPN021"), "{v}");
}
