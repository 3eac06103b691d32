//! Writes a generated config corpus for throughput measurements (benches/throughput.sh).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- DIR [MEGABYTES=100] [FILES=10000] [tls|all|ios40k]
//! ```
//!
//! `tls` (default): nginx, Apache and HAProxy only. `all`: every format kensa reads, under
//! `DIR/{tls,vpn,wlan,router,edge}/<format>/` (`edge`: NEC IX, AlliedWare Plus, ASA,
//! PAN-OS, Junos, NetScaler). `ios40k`: one Cisco IOS running-config of at least
//! 40,000 lines (`DIR/rtr-40k-confg`; the size arguments are ignored).

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: gen_corpus DIR [MEGABYTES=100] [FILES=10000] [tls|all|ios40k]");
        return ExitCode::from(2);
    };
    let mb: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let files: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    if dir.exists() {
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            eprintln!("gen_corpus: cannot clear {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let generated = match args.get(3).map(String::as_str).unwrap_or("tls") {
        "tls" => corpus::generate(&dir, mb * 1_000_000, files),
        "all" => corpus::generate_all(&dir, mb * 1_000_000, files),
        "ios40k" => corpus::generate_ios_lines(&dir, 40_000),
        other => {
            eprintln!("gen_corpus: unknown mix {other:?} (tls, all or ios40k)");
            return ExitCode::from(2);
        }
    };
    match generated {
        Ok((bytes, paths)) => {
            println!("{} files, {} bytes in {}", paths.len(), bytes, dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}
