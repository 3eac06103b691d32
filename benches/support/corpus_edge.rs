//! Generators for the edge devices added with issue 22 (NEC UNIVERGE IX, AlliedWare Plus,
//! Cisco ASA, PAN-OS, Junos, NetScaler), in the syntax of `samples/<format>/`: a header with
//! a release (some inside a known-exploited range, some fixed), management, SNMP, logging
//! and VPN lines varied the way real fleets vary, and a repeated body (interfaces, access
//! lists, address objects, virtual servers) grown to the target size.

use super::Rng;
use std::fmt::Write as _;

/// Appends `body(n)` for n = 0, 1, … until `s` plus what `tail` collects reaches `target`
/// (at least once), then the tail.
fn grow(s: &mut String, target: usize, mut body: impl FnMut(&mut String, &mut String, usize)) {
    let mut tail = String::new();
    let mut n = 0;
    while s.len() + tail.len() < target || n == 0 {
        body(s, &mut tail, n);
        n += 1;
    }
    s.push_str(&tail);
}

/// NEC UNIVERGE IX `show running-config`.
pub fn nec_ix(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "! NEC Portable Internetwork Core Operating System Software\n! IX Series IX2215 (magellan-sec) Software, Version {}, RELEASE SOFTWARE\n!\nhostname IX-{id}\ntimezone +09 00\n!\nusername admin password {} administrator\n!\nlogging buffered 131072\n{}!\nike nat-traversal\n!\nike proposal ikeprop encryption {} hash {} group {}\n!\nike policy ikepol peer 203.0.113.{} key * {}ikeprop\n!\nipsec autokey-proposal secprop esp-{} esp-{} lifetime time 3600\n!\n{}\n{}\nsnmp-agent ip enable\nsnmp-agent ip community {}\nntp server 133.243.238.164\n!\n",
        rng.pick(&["9.8.16", "10.2.16", "10.7.18", "10.10.21"]),
        rng.pick(&["plain admin", "hash 0x2b1c6f9d3a4e"]),
        if rng.chance(50) { "logging server 192.168.1.10\n" } else { "" },
        rng.pick(&["3des", "aes-256", "aes"]),
        rng.pick(&["md5", "sha", "sha2-256"]),
        rng.pick(&["1024-bit", "2048-bit"]),
        id % 250 + 1,
        if rng.chance(30) { "mode aggressive " } else { "" },
        rng.pick(&["3des", "aes-256"]),
        rng.pick(&["md5", "sha", "sha256"]),
        rng.pick(&["telnet-server ip enable", "no telnet-server ip enable"]),
        rng.pick(&["http-server ip enable", "ssh-server ip enable"]),
        rng.pick(&["public", "hosp-ro"])
    );
    grow(&mut s, target, |s, acl, n| {
        let _ = writeln!(
            s,
            "interface GigaEthernet2.{n}\n  description ward-{n}\n  ip address 10.{}.{}.1/24\n  no shutdown\n!",
            id % 255,
            n % 255
        );
        let _ = writeln!(
            acl,
            "ip access-list ward-in permit tcp src 10.{}.{}.0/24 sport any dest any dport {}",
            id % 255,
            n % 255,
            rng.pick(&["443", "22", "3389", "any"])
        );
    });
    s.push_str("!\ninterface GigaEthernet0.1\n  encapsulation pppoe\n  auto-connect\n  ip address ipcp\n  ip napt enable\n  no shutdown\n!\n");
    s
}

/// Allied Telesis AlliedWare Plus `show running-config`.
pub fn awplus(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "!\n! AlliedWare Plus (TM) {} 03/12/19 09:12:40\n!\nservice password-encryption\n!\nhostname ar-{id}\n!\n{}!\nusername manager privilege 15 password 8 $1$bJoVec4D$JwOJGPr7YqoExA0GVasdE0\n!\n{}\n!\nsnmp-server\nsnmp-server community {} ro\n!\ncrypto isakmp profile SITE\n version {} mode {}\n transform 1 integrity {} encryption {} group {}\n!\ncrypto ipsec profile SITE\n transform 1 protocol esp integrity sha256 encryption aes256\n!\ncrypto isakmp key * address 198.51.100.{}\n!\nntp server 133.243.238.164\n!\n",
        rng.pick(&["5.4.9", "5.5.1-1.1", "5.5.3-0.2"]),
        if rng.chance(50) { "log host 192.168.1.10\n" } else { "" },
        rng.pick(&["service telnet", "no service telnet", "service http"]),
        rng.pick(&["public", "hosp-ro"]),
        rng.pick(&["1", "2"]),
        rng.pick(&["aggressive", "main"]),
        rng.pick(&["sha1", "sha256"]),
        rng.pick(&["3des", "aes256"]),
        rng.pick(&["2", "14"]),
        id % 250 + 1
    );
    grow(&mut s, target, |s, acl, n| {
        let _ = writeln!(
            s,
            "interface vlan{}\n description ward-{n}\n ip address 10.{}.{}.1/24\n!",
            n % 4000 + 1,
            id % 255,
            n % 255
        );
        let _ = writeln!(
            acl,
            "access-list {} permit tcp 10.{}.{}.0/24 any eq {}",
            3000 + n % 700,
            id % 255,
            n % 255,
            rng.pick(&["443", "22", "3389"])
        );
    });
    s.push_str("!\ninterface tunnel1\n tunnel source eth1\n tunnel destination 198.51.100.20\n tunnel protection ipsec profile SITE\n ip address 172.16.0.1/30\n!\nend\n");
    s
}

/// Cisco ASA `show running-config`.
pub fn asa(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        ": Saved\n:\nASA Version {}\n!\nhostname ASA-{id}\n{}\n!\ninterface GigabitEthernet1/1\n nameif outside\n security-level 0\n ip address 203.0.113.{} 255.255.255.248\n!\ninterface GigabitEthernet1/2\n nameif inside\n security-level 100\n ip address 192.168.{}.1 255.255.255.0\n!\n",
        rng.pick(&["9.8(4)10", "9.12(4)65", "9.16(4)57", "9.18(4)22", "9.20(2)"]),
        rng.pick(&["enable password 8Ry2YjIyt7RRXU24 encrypted", "enable password ***** pbkdf2"]),
        id % 250 + 1,
        id % 255
    );
    grow(&mut s, target, |s, acl, n| {
        let _ = writeln!(s, "object network ward-{n}\n subnet 10.{}.{}.0 255.255.255.0", id % 255, n % 255);
        let _ = writeln!(
            acl,
            "access-list inside_in extended permit tcp object ward-{n} any eq {}",
            rng.pick(&["https", "ssh", "3389"])
        );
    });
    let _ = write!(
        s,
        "access-group inside_in in interface inside\nlogging host inside 192.168.{}.10\nntp server 192.168.{}.1\nsnmp-server community {}\nhttp server enable\nhttp {} outside\nssh 192.168.{}.0 255.255.255.0 inside\ncrypto ikev1 policy 10\n authentication pre-share\n encryption {}\n hash {}\n group {}\n{}username admin password ***** pbkdf2 privilege 15\n: end\n",
        id % 255,
        id % 255,
        rng.pick(&["public", "hosp-ro"]),
        rng.pick(&["0.0.0.0 0.0.0.0", "192.168.1.0 255.255.255.0"]),
        id % 255,
        rng.pick(&["3des", "aes-256"]),
        rng.pick(&["md5", "sha"]),
        rng.pick(&["2", "14"]),
        if rng.chance(50) { "webvpn\n enable outside\n anyconnect enable\n tunnel-group-list enable\n" } else { "" }
    );
    s
}

/// PAN-OS `show system info` and `show config running` in set format.
pub fn panos(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "hostname: PA-{id}\nmodel: PA-850\nsw-version: {}\nset deviceconfig system hostname PA-{id}\nset deviceconfig system ip-address 192.168.100.{}\nset deviceconfig system service disable-telnet {}\nset deviceconfig system service disable-http {}\nset deviceconfig system snmp-setting access-setting version v2c snmp-community-string {}\nset deviceconfig system ntp-servers primary-ntp-server ntp-server-address ntp.nict.jp\nset mgt-config users admin phash $5$abcdefgh$0123456789abcdefABCDEF\nset mgt-config users admin permissions role-based superuser yes\nset network interface ethernet ethernet1/1 layer3 ip 203.0.113.{}/29\nset network profiles interface-management-profile mp https yes\nset network profiles interface-management-profile mp ssh yes\nset network ike crypto-profiles ike-crypto-profiles ike dh-group {}\nset network ike crypto-profiles ike-crypto-profiles ike encryption {}\nset network ike crypto-profiles ike-crypto-profiles ike hash sha256\nset network ike gateway gw protocol ikev1 exchange-mode {}\nset network ike gateway gw protocol ikev1 ike-crypto-profile ike\nset network ike gateway gw authentication pre-shared-key key -AQ==x\nset zone untrust network layer3 ethernet1/1\n",
        rng.pick(&["10.2.7", "10.2.9-h1", "11.0.3-h10", "11.1.4-h7", "11.1.6-h1"]),
        id % 250 + 1,
        rng.pick(&["yes", "no"]),
        rng.pick(&["yes", "no"]),
        rng.pick(&["public", "hosp-ro"]),
        id % 250 + 1,
        rng.pick(&["group2", "group14"]),
        rng.pick(&["3des", "aes-256-cbc"]),
        rng.pick(&["aggressive", "main"])
    );
    grow(&mut s, target, |s, rules, n| {
        let _ = writeln!(
            s,
            "set network interface ethernet ethernet1/2 layer3 units ethernet1/2.{} ip 10.{}.{}.1/24\nset address ward-{n} ip-netmask 10.{}.{}.0/24",
            n % 4000 + 1,
            id % 255,
            n % 255,
            id % 255,
            n % 255
        );
        let _ = writeln!(
            rules,
            "set rulebase security rules r{n} from trust to untrust source ward-{n} destination any application {} action allow",
            rng.pick(&["ssl", "ssh", "ms-rdp", "any"])
        );
    });
    if rng.chance(40) {
        s.push_str("set global-protect global-protect-gateway gw local-address interface ethernet1/1\n");
    }
    s
}

/// Junos `show configuration | display set`.
pub fn junos(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "set version {}\nset system host-name srx-{id}\nset system root-authentication encrypted-password \"$6$q1W2e3R4$T5y6U7i8O9p0\"\nset system login user admin class super-user\nset system login user admin authentication encrypted-password \"$1$Zx9Yw8Vu$7tS6rQ5pO4nM3lK2jI1hG0\"\nset system services ssh\n{}set system syslog host 192.168.{}.10 any any\nset system ntp server 133.243.238.164\nset snmp community {} authorization read-only\nset security ike proposal p1 authentication-method pre-shared-keys\nset security ike proposal p1 dh-group {}\nset security ike proposal p1 encryption-algorithm {}\nset security ike policy ikepol mode {}\nset security ike policy ikepol proposals p1\nset security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services {}\n",
        rng.pick(&["15.1X49-D170.4", "21.4R3-S4.9", "22.1R3-S5.3", "22.4R3.25", "23.4R2-S3.9"]),
        rng.pick(&["", "set system services web-management https system-generated-certificate\n", "set system services telnet\n"]),
        id % 255,
        rng.pick(&["public", "hosp-ro"]),
        rng.pick(&["group2", "group14"]),
        rng.pick(&["3des-cbc", "aes-256-cbc"]),
        rng.pick(&["aggressive", "main"]),
        rng.pick(&["ike", "ssh", "https"])
    );
    grow(&mut s, target, |s, pol, n| {
        let _ = writeln!(
            s,
            "set interfaces ge-0/0/1 unit {} vlan-id {}\nset interfaces ge-0/0/1 unit {} family inet address 10.{}.{}.1/24\nset security address-book global address ward-{n} 10.{}.{}.0/24",
            n % 4000 + 1,
            n % 4000 + 1,
            n % 4000 + 1,
            id % 255,
            n % 255,
            id % 255,
            n % 255
        );
        let _ = writeln!(
            pol,
            "set security policies from-zone trust to-zone untrust policy p{n} match source-address ward-{n} destination-address any application {}\nset security policies from-zone trust to-zone untrust policy p{n} then permit",
            rng.pick(&["junos-https", "junos-ssh", "any"])
        );
    });
    s
}

/// NetScaler `ns.conf`.
pub fn netscaler(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "#NS{}\n# Last modified by `save config`\nset ns config -IPAddress 192.168.{}.5 -netmask 255.255.255.0\nenable ns feature LB CS SSL SSLVPN AAA\nset ns hostName ns-{id}\nset system user nsroot 35b7a39540c7f42a4c85455a750fed309e506d6d83fcaae83 -encrypted -hashmethod SHA1\nadd ns ip 203.0.113.{} 255.255.255.0 -vServer DISABLED -mgmtAccess {}\nadd snmp community {} ALL\nadd audit syslogAction SYSLOG 192.168.{}.10 -logLevel ALL\nadd ntp server 133.243.238.164\nadd ssl profile hosp -tls1 {} -tls11 {} -tls12 ENABLED -tls13 ENABLED\n{}",
        rng.pick(&["13.0 Build 47.22", "13.1 Build 48.47", "13.1 Build 49.15", "14.1 Build 43.56", "14.1 Build 47.46"]),
        id % 255,
        id % 250 + 1,
        rng.pick(&["ENABLED", "DISABLED"]),
        rng.pick(&["public", "hosp-ro"]),
        id % 255,
        rng.pick(&["ENABLED", "DISABLED"]),
        rng.pick(&["ENABLED", "DISABLED"]),
        if rng.chance(50) { "add vpn vserver GW SSL 203.0.113.20 443\nset ssl vserver GW -sslProfile hosp\n" } else { "" }
    );
    grow(&mut s, target, |s, binds, n| {
        let _ = writeln!(
            s,
            "add server emr-{n} 10.{}.{}.10\nadd service svc-{n} emr-{n} SSL 443\nadd lb vserver lb-{n} SSL 192.168.{}.{} 443",
            id % 255,
            n % 255,
            id % 255,
            n % 250 + 1
        );
        let _ = writeln!(
            binds,
            "bind lb vserver lb-{n} svc-{n}\nset ssl vserver lb-{n} -sslProfile {}",
            rng.pick(&["hosp", "ns_default_ssl_profile_frontend"])
        );
    });
    s
}
