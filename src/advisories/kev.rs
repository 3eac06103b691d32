//! CISA's Known Exploited Vulnerabilities catalogue (KEV): reading and checking the JSON
//! CISA publishes, picking out the entries for the products kensa knows, and the copy
//! `kensa advisories update` keeps in the user's data directory.
//!
//! KEV names a CVE with its vendor and product, never the affected versions, so an entry
//! cannot say whether a device is affected. What the downloaded copy adds is therefore
//! (docs/advisories.md): the KEV date on the table's rows, and, for a CVE that CISA listed
//! after the table was compared with the catalogue (`kev_reviewed`), an information finding
//! (NET005) on each device of that product asking to check the vendor's advisory.

use serde::{Deserialize, Serialize};

/// The schema of the stored copy; a copy of another schema is not read.
pub const STORED_SCHEMA: &str = "kensa-kev/1";

/// The catalogue as CISA publishes it (known_exploited_vulnerabilities.json); only the
/// fields kensa uses. Unknown fields are allowed: CISA adds fields now and then.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub catalog_version: String,
    pub date_released: String,
    pub count: usize,
    pub vulnerabilities: Vec<Vulnerability>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vulnerability {
    #[serde(rename = "cveID")]
    pub cve_id: String,
    pub vendor_project: String,
    pub product: String,
    #[serde(default)]
    pub vulnerability_name: String,
    pub date_added: String,
    #[serde(default)]
    pub short_description: String,
    #[serde(default)]
    pub known_ransomware_campaign_use: String,
}

/// One KEV entry for a product kensa knows, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KevEntry {
    pub cve: String,
    /// kensa's product name (`Firmware.product`, the table's `product`).
    pub product: String,
    /// CISA's vendor and product words, as listed.
    pub kev_vendor: String,
    pub kev_product: String,
    pub name: String,
    pub date_added: String,
    /// "Known" or "Unknown" (use in ransomware campaigns).
    pub ransomware: String,
}

/// The downloaded copy: what was kept, from where, and when.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFeed {
    pub schema: String,
    pub source: String,
    /// When kensa downloaded it (RFC 3339, UTC).
    pub downloaded: String,
    pub catalog_version: String,
    /// CISA's release time of this catalogue version (as CISA writes it).
    pub date_released: String,
    /// How many entries the whole catalogue had.
    pub catalog_count: usize,
    pub entries: Vec<KevEntry>,
}

impl StoredFeed {
    /// The release date (YYYY-MM-DD) of the catalogue this copy was taken from.
    pub fn released_day(&self) -> &str {
        self.date_released.get(..10).unwrap_or(&self.date_released)
    }

    /// Reads a stored copy, refusing one that is not whole.
    pub fn parse(text: &str) -> Result<StoredFeed, String> {
        let f: StoredFeed = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if f.schema != STORED_SCHEMA {
            return Err(format!("schema {:?}, expected {STORED_SCHEMA:?}", f.schema));
        }
        if !is_day(f.released_day()) {
            return Err(format!("dateReleased {:?} is not a date", f.date_released));
        }
        for e in &f.entries {
            check_entry(&e.cve, &e.date_added)?;
        }
        Ok(f)
    }
}

/// YYYY-MM-DD.
fn is_day(s: &str) -> bool {
    crate::rules::waiver::parse_date(s).is_some() && s.len() == 10
}

/// CVE-YYYY-NNNN… and a dateAdded that is a date.
fn check_entry(cve: &str, date_added: &str) -> Result<(), String> {
    let well_formed = cve
        .strip_prefix("CVE-")
        .and_then(|r| r.split_once('-'))
        .is_some_and(|(y, n)| y.len() == 4 && n.len() >= 4 && (y.to_owned() + n).bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(format!("entry {cve:?} is not a CVE id"));
    }
    if !is_day(date_added) {
        return Err(format!("{cve}: dateAdded {date_added:?} is not a date"));
    }
    Ok(())
}

/// Checks a downloaded catalogue before it replaces anything: JSON of CISA's shape, as many
/// entries as it says it has (a cut-off download fails here or in the JSON), and every
/// entry with a CVE id and a date.
pub fn parse_catalog(body: &[u8]) -> Result<Catalog, String> {
    let c: Catalog = serde_json::from_slice(body).map_err(|e| format!("not the KEV catalogue JSON: {e}"))?;
    if c.vulnerabilities.is_empty() {
        return Err("the catalogue lists no vulnerabilities".into());
    }
    if c.count != c.vulnerabilities.len() {
        return Err(format!("the catalogue says {} entries but holds {}", c.count, c.vulnerabilities.len()));
    }
    if !is_day(c.date_released.get(..10).unwrap_or("")) {
        return Err(format!("dateReleased {:?} is not a date", c.date_released));
    }
    for v in &c.vulnerabilities {
        check_entry(&v.cve_id, &v.date_added)?;
    }
    Ok(c)
}

/// kensa's product names for CISA's vendor/product words: (vendor word, product words,
/// kensa product). A KEV entry is kept for each product whose words its product names —
/// or, for "Multiple Products", its description names.
const PRODUCTS: &[(&str, &[&str], &str)] = &[
    ("fortinet", &["fortios"], "FortiOS"),
    ("fortinet", &["fortiproxy"], "FortiProxy"),
    ("cisco", &["ios xe"], "IOS XE"),
    ("cisco", &["adaptive security appliance", "asa"], "ASA"),
    ("cisco", &["firepower threat defense", "ftd"], "FTD"),
    ("palo alto networks", &["pan-os"], "PAN-OS"),
    ("citrix", &["netscaler", "application delivery controller"], "NetScaler"),
    ("ivanti", &["connect secure"], "Ivanti Connect Secure"),
    ("pulse secure", &["connect secure"], "Ivanti Connect Secure"),
    ("sonicwall", &["sonicos"], "SonicOS"),
    ("juniper", &["junos"], "Junos OS"),
    ("yamaha", &["rtx"], "YAMAHA RTX"),
    ("nec", &["univerge"], "UNIVERGE IX"),
    ("allied telesis", &["alliedware", "centrecom"], "AlliedWare Plus"),
];

/// The kensa products a KEV entry is about (none for products kensa does not know).
pub fn products_of(v: &Vulnerability) -> Vec<&'static str> {
    let vendor = v.vendor_project.to_lowercase();
    let product = v.product.to_lowercase();
    let text = if product.contains("multiple products") {
        format!("{product} {}", v.short_description.to_lowercase())
    } else {
        product
    };
    let mut out: Vec<&'static str> = Vec::new();
    for (vword, pwords, name) in PRODUCTS {
        if vendor.contains(vword) && pwords.iter().any(|w| has_word(&text, w)) && !out.contains(name) {
            out.push(name);
        }
    }
    out
}

/// Whether `word` occurs in `text` not as part of a longer word ("asa" is not in "sasa").
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The entries kensa keeps from a checked catalogue, with where and when it came from.
pub fn keep(catalog: &Catalog, source: &str, downloaded: &str) -> StoredFeed {
    let mut entries = Vec::new();
    for v in &catalog.vulnerabilities {
        for product in products_of(v) {
            entries.push(KevEntry {
                cve: v.cve_id.clone(),
                product: product.to_string(),
                kev_vendor: v.vendor_project.clone(),
                kev_product: v.product.clone(),
                name: v.vulnerability_name.clone(),
                date_added: v.date_added.clone(),
                ransomware: v.known_ransomware_campaign_use.clone(),
            });
        }
    }
    StoredFeed {
        schema: STORED_SCHEMA.into(),
        source: source.into(),
        downloaded: downloaded.into(),
        catalog_version: catalog.catalog_version.clone(),
        date_released: catalog.date_released.clone(),
        catalog_count: catalog.count,
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vuln(vendor: &str, product: &str, description: &str) -> Vulnerability {
        Vulnerability {
            cve_id: "CVE-2024-0001".into(),
            vendor_project: vendor.into(),
            product: product.into(),
            vulnerability_name: String::new(),
            date_added: "2024-01-01".into(),
            short_description: description.into(),
            known_ransomware_campaign_use: "Unknown".into(),
        }
    }

    /// CISA's words as they appear in the catalogue (cisagov/kev-data, 2025-08-25).
    #[test]
    fn kev_products_map_to_kensa_products() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            ("Fortinet", "FortiOS", "", &["FortiOS"]),
            ("Fortinet", "FortiOS and FortiProxy SSL-VPN", "", &["FortiOS", "FortiProxy"]),
            (
                "Fortinet",
                "Multiple Products",
                "Fortinet FortiOS, FortiPAM, FortiProxy, and FortiWeb contain a format string vulnerability",
                &["FortiOS", "FortiProxy"],
            ),
            ("Fortinet", "FortiManager", "", &[]),
            ("Fortinet", "FortiClient EMS", "", &[]),
            ("Cisco", "IOS XE Web UI", "", &["IOS XE"]),
            ("Cisco", "IOS and IOS XE", "", &["IOS XE"]),
            (
                "Cisco",
                "Adaptive Security Appliance (ASA) and Firepower Threat Defense (FTD)",
                "",
                &["ASA", "FTD"],
            ),
            ("Cisco", "IOS XR", "", &[]),
            ("Palo Alto Networks", "PAN-OS", "", &["PAN-OS"]),
            ("Palo Alto Networks", "Expedition", "", &[]),
            ("Citrix", "NetScaler ADC and NetScaler Gateway", "", &["NetScaler"]),
            ("Citrix", "Session Recording", "", &[]),
            ("Ivanti", "Connect Secure, Policy Secure, and ZTA Gateways", "", &["Ivanti Connect Secure"]),
            ("Ivanti", "Pulse Connect Secure", "", &["Ivanti Connect Secure"]),
            ("Ivanti", "Endpoint Manager Mobile (EPMM)", "", &[]),
            ("SonicWall", "SonicOS", "", &["SonicOS"]),
            ("SonicWall", "SMA100 Appliances", "", &[]),
            (
                "Citrix",
                "Application Delivery Controller (ADC), Gateway, and SD-WAN WANOP Appliance",
                "",
                &["NetScaler"],
            ),
            ("Juniper", "Junos OS", "", &["Junos OS"]),
            ("Cisco", "Adaptive Security Appliance and Firepower Threat Defense", "", &["ASA", "FTD"]),
        ];
        for (vendor, product, description, want) in cases {
            assert_eq!(products_of(&vuln(vendor, product, description)), *want, "{vendor} / {product}");
        }
    }

    #[test]
    fn catalogue_checks_refuse_what_is_not_whole() {
        let good = br#"{"catalogVersion":"2025.08.25","dateReleased":"2025-08-25T17:04:19.9796Z","count":1,
            "vulnerabilities":[{"cveID":"CVE-2024-21762","vendorProject":"Fortinet","product":"FortiOS","dateAdded":"2024-02-09"}]}"#;
        assert!(parse_catalog(good).is_ok());
        let short = String::from_utf8_lossy(good).replace("\"count\":1", "\"count\":2");
        assert!(parse_catalog(short.as_bytes()).unwrap_err().contains("says 2 entries but holds 1"));
        assert!(parse_catalog(&good[..good.len() - 5]).unwrap_err().contains("not the KEV catalogue JSON"));
        let bad_id = String::from_utf8_lossy(good).replace("CVE-2024-21762", "CVE-24-1");
        assert!(parse_catalog(bad_id.as_bytes()).is_err());
        let bad_date = String::from_utf8_lossy(good).replace("2024-02-09", "yesterday");
        assert!(parse_catalog(bad_date.as_bytes()).is_err());
        let empty = br#"{"catalogVersion":"x","dateReleased":"2025-08-25","count":0,"vulnerabilities":[]}"#;
        assert!(parse_catalog(empty).is_err());
    }
}
