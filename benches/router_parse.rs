//! Throughput of the router/firewall parsers (parse + lower into the model) on generated
//! configs shaped like real ones: a 40,000-line IOS switch/router config, a FortiOS backup
//! with thousands of policies, a YAMAHA RTX with a thousand tunnels and filters.
//! Run: `cargo bench --bench router_parse` (target: a 40,000-line IOS config well under a
//! second; the project goal is 100 MB/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kensa::formats::{parse_text, Format};

fn ios_40k() -> String {
    let mut c = String::from("version 17.9\nhostname big\nservice password-encryption\n!\n");
    let mut i = 0;
    while c.lines().count() < 40_000 {
        for _ in 0..100 {
            c.push_str(&format!(
                "interface GigabitEthernet1/0/{i}\n description access port {i}\n switchport access vlan {}\n switchport mode access\n spanning-tree portfast\n!\nip access-list extended ACL{i}\n 10 permit tcp 10.{}.0.0 0.0.255.255 any eq 443\n 20 deny ip any any log\n!\n",
                i % 400,
                i % 250
            ));
            i += 1;
        }
    }
    c.push_str("line vty 0 4\n transport input ssh\n!\nend\n");
    c
}

fn fortios_policies(n: usize) -> String {
    let mut c = String::from("#config-version=FG100F-7.4.8-FW-build2795-250523:opmode=0:vdom=0:user=admin\nconfig firewall policy\n");
    for i in 0..n {
        c.push_str(&format!(
            "    edit {i}\n        set name \"p{i}\"\n        set srcintf \"internal\"\n        set dstintf \"wan1\"\n        set srcaddr \"net{i}\"\n        set dstaddr \"all\"\n        set action accept\n        set schedule \"always\"\n        set service \"HTTPS\"\n        set logtraffic all\n    next\n"
        ));
    }
    c.push_str("end\n");
    c
}

fn yamaha_tunnels(n: usize) -> String {
    let mut c = String::from("# RTX3510 Rev.23.00.10 (Mon Jan  1 00:00:00 2024)\n");
    for i in 1..=n {
        c.push_str(&format!(
            "tunnel select {i}\n ipsec tunnel {i}\n  ipsec sa policy {i} {i} esp aes-cbc sha256-hmac\n  ipsec ike version {i} 2\n  ipsec ike encryption {i} aes256-cbc\n  ipsec ike hash {i} sha256\n  ipsec ike group {i} modp2048\n  ipsec ike pre-shared-key {i} text Xw7pLq9vR2mT5zK8nB4hJ6{i}\n  ipsec ike remote address {i} 198.51.100.{}\n tunnel enable {i}\nip filter {} reject 10.0.0.0/8 * * * *\n",
            i % 250,
            100000 + i
        ));
    }
    c
}

fn bench(c: &mut Criterion) {
    let cases = [
        ("cisco-ios 40k lines", Format::CiscoIos, ios_40k()),
        ("fortios 5k policies", Format::Fortios, fortios_policies(5_000)),
        ("yamaha-rtx 1k tunnels", Format::YamahaRtx, yamaha_tunnels(1_000)),
    ];
    let mut g = c.benchmark_group("router_parse");
    g.sample_size(10);
    for (name, format, text) in &cases {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(*name, |b| b.iter(|| parse_text(*format, "bench", text)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
