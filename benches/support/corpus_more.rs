//! Generators for the VPN, wireless and router formats of the throughput corpus
//! (`benches/support/corpus.rs` has the TLS servers). Each writes one realistic file of
//! about `target` bytes by repeating what real deployments repeat: connections and peers
//! on a VPN concentrator, BSS sections and saved networks on Wi-Fi, address objects,
//! policies, filters and interfaces on routers. Weak and strong settings are mixed the way
//! an audited fleet mixes them, so rules fire at a realistic rate.

use super::Rng;
use std::fmt::Write as _;

const IKE_PROPOSALS: &[&str] = &[
    "aes256gcm16-prfsha384-ecp384",
    "aes128-sha256-x25519",
    "aes256-sha256-modp2048",
    "3des-sha1-modp1024",
    "aes128-sha1-modp1536",
    "default",
];
const ESP_PROPOSALS: &[&str] = &["aes256gcm16-ecp384", "aes128gcm16", "aes256-sha256-modp2048", "3des-md5", "aes128-sha1"];

/// strongSwan swanctl.conf with site-to-site and remote-access connections.
pub fn swanctl(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!("# /etc/swanctl/swanctl.conf — site {id}\nconnections {{\n");
    let mut n = 0;
    while s.len() < target || n == 0 {
        let rw = rng.chance(25);
        let remote = if rw {
            "%any".to_string()
        } else {
            format!("203.0.{}.{}", n % 255, 1 + id % 250)
        };
        let auth = if rng.chance(60) { "pubkey" } else { "psk" };
        let _ = writeln!(
            s,
            "   site{n} {{\n      version = {}\n      local_addrs = 198.51.100.1\n      remote_addrs = {remote}\n      proposals = {}\n      local {{\n         auth = {auth}\n         id = gw{id}.example-hospital.jp\n      }}\n      remote {{\n         auth = {auth}\n{}      }}\n      children {{\n         lan{n} {{\n            local_ts = 10.{}.0.0/16\n            remote_ts = 10.{}.{}.0/24\n            esp_proposals = {}\n            start_action = trap\n         }}\n      }}\n   }}",
            if rng.chance(20) { 1 } else { 2 },
            rng.pick(IKE_PROPOSALS),
            if rng.chance(50) { format!("         id = peer{n}.example-hospital.jp\n") } else { String::new() },
            id % 255,
            100 + n % 100,
            n % 255,
            rng.pick(ESP_PROPOSALS)
        );
        n += 1;
    }
    s.push_str("}\n\nsecrets {\n   ike-site {\n      secret = \"0sFpZAZqEN6Ti9sqt4ZP5EWcqx\"\n   }\n}\n");
    s
}

/// Legacy ipsec.conf with `%default`, `also=` and many `conn` sections.
pub fn ipsec_conf(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!("# /etc/ipsec.conf — site {id}\nconfig setup\n    charondebug=\"ike 1\"\n    uniqueids=yes\n\nconn %default\n    keyexchange=ikev2\n    ike=aes256-sha256-modp2048!\n    esp=aes256-sha256!\n    dpdaction=restart\n\nconn common\n    left=%defaultroute\n    leftcert=gw.pem\n    auto=add\n");
    let mut n = 0;
    while s.len() < target || n == 0 {
        let _ = writeln!(
            s,
            "\nconn branch{n}\n    also=common\n    right={}\n    rightsubnet=10.{}.{}.0/24\n    leftsubnet=10.0.0.0/16\n    keyexchange={}\n    ike={}\n    esp={}\n    authby={}\n    aggressive={}\n    auto=start",
            if rng.chance(15) { "%any".to_string() } else { format!("203.0.113.{}", n % 250 + 1) },
            id % 255,
            n % 255,
            if rng.chance(30) { "ikev1" } else { "ikev2" },
            rng.pick(IKE_PROPOSALS),
            rng.pick(ESP_PROPOSALS),
            if rng.chance(40) { "secret" } else { "pubkey" },
            if rng.chance(10) { "yes" } else { "no" }
        );
        n += 1;
    }
    s
}

/// OpenVPN server config; the size comes from pushed routes and client-specific lines.
pub fn openvpn(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "# /etc/openvpn/server/site{id}.conf\nport 1194\nproto udp\ndev tun\ntopology subnet\nca /etc/openvpn/pki/ca.crt\ncert /etc/openvpn/pki/issued/vpn{id}.crt\nkey /etc/openvpn/pki/private/vpn{id}.key\ndh none\n{}\ntls-version-min {}\ndata-ciphers {}\nauth {}\nserver 10.8.{}.0 255.255.255.0\n{}{}verify-client-cert {}\nkeepalive 10 120\npersist-key\npersist-tun\nverb 3\n",
        rng.pick(&["tls-crypt /etc/openvpn/server/tc.key", "tls-auth /etc/openvpn/server/ta.key 0", "", "tls-crypt-v2 /etc/openvpn/server/tc2.key"]),
        rng.pick(&["1.2", "1.3", "1.0", "1.2 or-highest"]),
        rng.pick(&["AES-256-GCM:CHACHA20-POLY1305", "AES-256-GCM:AES-128-GCM", "AES-256-CBC", "BF-CBC:AES-256-GCM"]),
        rng.pick(&["SHA256", "SHA512", "SHA1", "MD5"]),
        id % 255,
        if rng.chance(60) { "push \"redirect-gateway def1\"\n" } else { "" },
        if rng.chance(20) { "client-to-client\nduplicate-cn\n" } else { "" },
        rng.pick(&["require", "require", "optional", "none"]),
    );
    let mut n = 0;
    while s.len() < target {
        let _ = writeln!(s, "push \"route 10.{}.{}.0 255.255.255.0\"", n / 255 % 255, n % 255);
        n += 1;
    }
    s
}

/// WireGuard server with one `[Peer]` per client.
pub fn wireguard(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "# /etc/wireguard/wg{}.conf\n[Interface]\nAddress = 10.66.{}.1/24\nListenPort = 51820\nPrivateKey = {}\n",
        id % 10,
        id % 255,
        key(rng)
    );
    let mut n = 0;
    while s.len() < target || n == 0 {
        let _ = writeln!(
            s,
            "\n# staff laptop {n}\n[Peer]\nPublicKey = {}\nAllowedIPs = 10.66.{}.{}/32",
            key(rng),
            id % 255,
            n % 250 + 2
        );
        if rng.chance(50) {
            let _ = writeln!(s, "PresharedKey = {}", key(rng));
        }
        n += 1;
    }
    s
}

fn key(rng: &mut Rng) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut k: String = (0..43).map(|_| B64[rng.below(64)] as char).collect();
    k.push('=');
    k
}

/// hostapd with a primary BSS and extra `bss=` sections (one per SSID on the AP).
pub fn hostapd(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "# /etc/hostapd/hostapd.conf — AP {id}\ninterface=wlan0\ndriver=nl80211\nctrl_interface=/var/run/hostapd\nctrl_interface_group=0\ncountry_code=JP\nhw_mode={}\nchannel={}\nieee80211n=1\nwmm_enabled=1\n",
        if rng.chance(50) { "a" } else { "g" },
        rng.pick(&["36", "40", "1", "6", "11"])
    );
    let mut n = 0;
    while s.len() < target || n == 0 {
        if n > 0 {
            let _ = writeln!(s, "\nbss=wlan0_{n}");
        }
        let (wpa, mgmt, pairwise) = *[
            ("2", "WPA-EAP-SHA256", "CCMP"),
            ("2", "WPA-PSK", "CCMP"),
            ("3", "WPA-PSK", "TKIP CCMP"),
            ("2", "SAE", "CCMP"),
            ("1", "WPA-PSK", "TKIP"),
        ]
        .get(rng.below(5))
        .expect("index below 5");
        let _ = writeln!(
            s,
            "ssid=HOSP-{id}-{n}\nignore_broadcast_ssid={}\nauth_algs=1\nwpa={wpa}\nwpa_key_mgmt={mgmt}\nrsn_pairwise={pairwise}\nieee80211w={}",
            rng.below(2),
            rng.below(3)
        );
        if mgmt.contains("EAP") {
            let _ = writeln!(
                s,
                "ieee8021x=1\nauth_server_addr=10.20.0.21\nauth_server_port=1812\nauth_server_shared_secret=radius-{id}-secret"
            );
        } else {
            let _ = writeln!(
                s,
                "wpa_passphrase={}",
                rng.pick(&["Byouin-Wifi-2024!long", "password1", "kanja-wifi", "Zq7#pL2v!Hk9$Rm4"])
            );
        }
        n += 1;
    }
    s
}

/// wpa_supplicant with saved networks (a ward terminal's history).
pub fn wpa_supplicant(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s =
        format!("# /etc/wpa_supplicant/wpa_supplicant-{id}.conf\nctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev\nupdate_config=1\ncountry=JP\n");
    let mut n = 0;
    while s.len() < target || n == 0 {
        if rng.chance(60) {
            let _ = writeln!(
                s,
                "\nnetwork={{\n    ssid=\"HOSP-STAFF-{n}\"\n    key_mgmt=WPA-EAP\n    eap=PEAP\n    identity=\"staff{n}\"\n    password=\"pw-{id}-{n}\"\n{}    phase2=\"auth=MSCHAPV2\"\n}}",
                if rng.chance(50) { "    ca_cert=\"/etc/ssl/certs/hospital-ca.pem\"\n    domain_suffix_match=\"radius.example-hospital.jp\"\n" } else { "" }
            );
        } else {
            let _ = writeln!(
                s,
                "\nnetwork={{\n    ssid=\"CLINIC-{n}\"\n    psk=\"{}\"\n    key_mgmt=WPA-PSK\n    proto=RSN\n    pairwise=CCMP\n}}",
                rng.pick(&["clinic1234", "Shinryo-jo-2024-Wifi!"])
            );
        }
        n += 1;
    }
    s
}

/// NetworkManager keyfile (one profile per file, as NetworkManager stores them).
pub fn nmconnection(rng: &mut Rng, id: usize) -> String {
    let enterprise = rng.chance(50);
    let mut s = format!(
        "[connection]\nid=HOSP-{id}\nuuid=6f1f8a3e-2d4b-4c1a-9e0f-{id:012}\ntype=wifi\ninterface-name=wlp2s0\n\n[wifi]\nmode=infrastructure\nssid=HOSP-{id}\n\n[wifi-security]\nkey-mgmt={}\n",
        if enterprise { "wpa-eap" } else { "wpa-psk" }
    );
    if enterprise {
        let _ = writeln!(
            s,
            "\n[802-1x]\neap=peap;\nidentity=staff{id}\nphase2-auth=mschapv2\n{}",
            if rng.chance(50) {
                "ca-cert=/etc/ssl/certs/hospital-ca.pem\ndomain-suffix-match=radius.example-hospital.jp\n"
            } else {
                ""
            }
        );
    } else {
        let _ = writeln!(s, "psk={}", rng.pick(&["clinic1234", "Shinryo-jo-2024-Wifi!"]));
    }
    s.push_str("\n[ipv4]\nmethod=auto\n\n[ipv6]\naddr-gen-mode=stable-privacy\nmethod=auto\n");
    s
}

/// Windows WLAN profile as `netsh wlan export profile` writes it.
pub fn wlan_xml(rng: &mut Rng, id: usize) -> String {
    let (auth, enc) = *[("WPA2PSK", "AES"), ("WPA2", "AES"), ("WPAPSK", "TKIP"), ("WPA3SAE", "AES"), ("open", "none")]
        .get(rng.below(5))
        .expect("index below 5");
    let mut s = format!(
        "<?xml version=\"1.0\"?>\n<WLANProfile xmlns=\"http://www.microsoft.com/networking/WLAN/profile/v1\">\n\t<name>HOSP-{id}</name>\n\t<SSIDConfig>\n\t\t<SSID>\n\t\t\t<name>HOSP-{id}</name>\n\t\t</SSID>\n\t</SSIDConfig>\n\t<connectionType>ESS</connectionType>\n\t<connectionMode>auto</connectionMode>\n\t<MSM>\n\t\t<security>\n\t\t\t<authEncryption>\n\t\t\t\t<authentication>{auth}</authentication>\n\t\t\t\t<encryption>{enc}</encryption>\n\t\t\t\t<useOneX>{}</useOneX>\n\t\t\t</authEncryption>\n",
        auth == "WPA2"
    );
    if auth.ends_with("PSK") || auth == "WPA3SAE" {
        s.push_str("\t\t\t<sharedKey>\n\t\t\t\t<keyType>passPhrase</keyType>\n\t\t\t\t<protected>false</protected>\n\t\t\t\t<keyMaterial>clinic1234</keyMaterial>\n\t\t\t</sharedKey>\n");
    }
    s.push_str("\t\t</security>\n\t</MSM>\n</WLANProfile>\n");
    s
}

/// FortiOS full-configuration backup: header, interfaces, admins, address objects,
/// policies and an IPsec tunnel; the size comes from objects and policies.
pub fn fortios(rng: &mut Rng, id: usize, target: usize) -> String {
    let version = rng.pick(&[
        "6.0.4-FW-build0231-190107",
        "6.4.9-FW-build1966-220421",
        "7.0.12-FW-build0523-230712",
        "7.2.8-FW-build1639-240313",
        "7.4.4-FW-build2662-240514",
    ]);
    let mut s = format!(
        "#config-version=FG100F-{version}:opmode=0:vdom=0:user=admin\n#conf_file_ver=238469172645{id:02}\n#buildno=0231\n#global_vdom=1\nconfig system global\n    set hostname \"FG-BYOUIN-{id}\"\n    set admin-sport {}\n    set timezone 60\nend\nconfig system interface\n    edit \"wan1\"\n        set vdom \"root\"\n        set ip 203.0.113.{} 255.255.255.248\n        set allowaccess {}\n        set role wan\n    next\n    edit \"internal\"\n        set vdom \"root\"\n        set ip 192.168.1.99 255.255.255.0\n        set allowaccess ping https ssh\n        set role lan\n    next\nend\nconfig system admin\n    edit \"admin\"\n        set accprofile \"super_admin\"\n        set vdom \"root\"\n{}    next\nend\nconfig vpn ipsec phase1-interface\n    edit \"to-branch\"\n        set interface \"wan1\"\n        set ike-version {}\n        set peertype any\n        set proposal {}\n        set dhgrp {}\n        set remote-gw 198.51.100.{}\n        set psksecret ENC bm90LWEtc2VjcmV0\n    next\nend\nconfig firewall address\n",
        rng.pick(&["443", "8443"]),
        id % 250 + 1,
        rng.pick(&["ping", "ping https ssh", "ping https ssh http fgfm", "ping fgfm"]),
        if rng.chance(50) { "        set trusthost1 192.168.1.0 255.255.255.0\n" } else { "" },
        rng.pick(&["1", "2"]),
        rng.pick(&["aes256-sha256", "aes128-sha1 3des-sha1", "aes256gcm-prfsha384"]),
        rng.pick(&["14", "5", "19 20", "2"]),
        id % 250 + 1
    );
    let mut n = 0;
    let mut policies = String::from("end\nconfig firewall policy\n");
    while s.len() + policies.len() < target || n == 0 {
        let _ = writeln!(
            s,
            "    edit \"host-{n}\"\n        set subnet 10.{}.{}.{} 255.255.255.255\n    next",
            id % 255,
            n / 250 % 255,
            n % 250 + 1
        );
        let _ = writeln!(
            policies,
            "    edit {}\n        set name \"rule-{n}\"\n        set srcintf \"internal\"\n        set dstintf \"{}\"\n        set srcaddr \"host-{n}\"\n        set dstaddr \"all\"\n        set action accept\n        set schedule \"always\"\n        set service \"{}\"\n        set logtraffic {}\n    next",
            n + 1,
            rng.pick(&["wan1", "to-branch"]),
            rng.pick(&["HTTPS", "ALL", "RDP", "DNS"]),
            rng.pick(&["all", "utm", "disable"])
        );
        n += 1;
    }
    s.push_str(&policies);
    s.push_str("end\n");
    s
}

/// YAMAHA RTX `show config`: banner, PPPoE, IPsec tunnels and long `ip filter` lists.
pub fn yamaha(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "# RTX1210 Rev.14.01.{} (Fri Jun 26 16:34:11 2020)\n# MAC Address : 00:a0:de:6b:12:01, 00:a0:de:6b:12:02, 00:a0:de:6b:12:03\n# Memory 256Mbytes, 3LAN, 1BRI\n# Reporting Date: Nov 26 10:15:42 2026\nlogin password encrypted *\nadministrator password encrypted *\nlogin user admin encrypted *\ntimezone +09:00\nip route default gateway pp 1\nip lan1 address 192.168.{}.1/24\npp select 1\n pp auth accept pap chap\n pp auth myname user{id}@isp.example.ne.jp *\n ip pp secure filter in 200020 200021 200099\n pp enable 1\n",
        rng.pick(&["38", "42", "26"]),
        id % 255
    );
    let mut n = 1;
    let mut filters = String::new();
    while s.len() + filters.len() < target || n == 1 {
        let _ = writeln!(
            s,
            "tunnel select {n}\n description tunnel branch{n}\n ipsec tunnel {n}\n  ipsec sa policy {n} {n} esp {} {}\n  ipsec ike version {n} {}\n  ipsec ike encryption {n} {}\n  ipsec ike group {n} {}\n  ipsec ike local address {n} 192.168.{}.1\n  ipsec ike pre-shared-key {n} text *\n  ipsec ike remote address {n} {}\n ip tunnel tcp mss limit auto\n tunnel enable {n}",
            rng.pick(&["aes-cbc", "aes256-cbc", "3des-cbc"]),
            rng.pick(&["sha-hmac", "sha256-hmac"]),
            rng.pick(&["1", "2"]),
            rng.pick(&["aes-cbc", "aes256-cbc", "3des-cbc"]),
            rng.pick(&["modp2048", "modp1024"]),
            id % 255,
            if rng.chance(20) { "any".to_string() } else { format!("203.0.113.{}", n % 250 + 1) }
        );
        let _ = writeln!(
            filters,
            "ip filter {} pass 192.168.{}.0/24 10.{}.{}.0/24 tcp * {}",
            200100 + n,
            id % 255,
            id % 255,
            n % 255,
            rng.pick(&["443", "22", "3389", "*"])
        );
        n += 1;
    }
    s.push_str(&filters);
    let _ = writeln!(
        s,
        "ip filter 200099 reject * * * * *\nsyslog host 192.168.{}.10\n{}\n{}\nntpdate ntp.nict.jp\ndns server pp 1",
        id % 255,
        rng.pick(&["telnetd service off", "telnetd host lan", "telnetd service on"]),
        rng.pick(&["httpd host lan1", "httpd host any", "sshd service on\nsshd host lan1"])
    );
    s
}

/// Cisco IOS running-config: header, crypto, many interfaces and ACL entries, vty lines.
pub fn cisco(rng: &mut Rng, id: usize, target: usize) -> String {
    let mut s = format!(
        "Building configuration...\n\nCurrent configuration : {target} bytes\n!\nversion {}\nservice timestamps debug datetime msec\nservice password-encryption\n!\nhostname RTR-{id}\n!\nenable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM\n!\nusername admin privilege 15 {}\n!\ncrypto isakmp policy 10\n encr {}\n hash {}\n authentication pre-share\n group {}\ncrypto isakmp key 6 FLgBaJHXdYY_AUOIRUAFDAFBTV address 203.0.113.{}\n!\ncrypto ipsec transform-set TS {}\n mode tunnel\n!\n",
        rng.pick(&["15.4", "16.9", "17.3", "17.9", "15.2"]),
        rng.pick(&["secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM", "password 7 070C285F4D06", "secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"]),
        rng.pick(&["aes 256", "3des", "aes"]),
        rng.pick(&["sha256", "md5", "sha"]),
        rng.pick(&["14", "2", "19"]),
        id % 250 + 1,
        rng.pick(&["esp-aes 256 esp-sha256-hmac", "esp-3des esp-md5-hmac", "esp-gcm 256"])
    );
    let mut n = 0;
    let mut acl = String::from("ip access-list extended INBOUND\n");
    while s.len() + acl.len() < target || n == 0 {
        let _ = writeln!(
            s,
            "interface GigabitEthernet0/{n}\n description ward-{n}\n ip address 10.{}.{}.1 255.255.255.0\n{} no ip redirects\n no shutdown\n!",
            id % 255,
            n % 255,
            if rng.chance(30) { " ip verify unicast source reachable-via rx\n" } else { "" }
        );
        let _ = writeln!(
            acl,
            " permit tcp 10.{}.{}.0 0.0.0.255 any eq {}",
            id % 255,
            n % 255,
            rng.pick(&["443", "22", "3389", "www"])
        );
        n += 1;
    }
    s.push_str(&acl);
    let _ = writeln!(
        s,
        " deny ip any any log\n!\n{}\nlogging host 10.0.0.{}\nntp server 10.0.0.1\nsnmp-server community {} RO\n!\nline con 0\nline vty 0 4\n{} transport input {}\n login local\n!\nend",
        rng.pick(&["no ip http server\nno ip http secure-server", "ip http server", "ip http secure-server"]),
        id % 250 + 1,
        rng.pick(&["public", "hosp-ro-2024"]),
        if rng.chance(50) { " access-class MGMT in\n" } else { "" },
        rng.pick(&["ssh", "telnet ssh", "all"])
    );
    s
}
