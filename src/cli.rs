//! Command-line definition (clap derive). The contract is design.md's; tests rely on it.

use crate::config::FailOn;
use crate::formats::Format;
use crate::i18n::Lang;
use crate::report::OutputFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kensa",
    version,
    about = "Check hospital network configs and TLS endpoints against MHLW guideline 6.0 chapter 13 / 医療情報システム安全管理ガイドライン 第6.0版 13章の点検"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check configuration files or directories (never touches the network).
    Lint {
        /// Files or directories (searched recursively); `-` reads one config from standard
        /// input (with --as).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Force the format instead of detecting it.
        #[arg(long = "as", value_name = "FORMAT")]
        as_format: Option<Format>,
        /// Where the audited device's `/` is: absolute paths the configs name are read
        /// under it (default: the folder above the input's `etc/`; see docs/trees.md).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// List the files found, with the format detected or why each was skipped, and
        /// check nothing.
        #[arg(long)]
        show_files: bool,
        /// The name to show for a config read from standard input (`-`).
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Measure live TLS endpoints and judge them with the same rules.
    Probe {
        /// host[:port] (default port 443); IPv6 as [::1]:8443.
        targets: Vec<String>,
        /// File with one target per line (# comments allowed).
        #[arg(long = "targets", value_name = "FILE")]
        targets_file: Option<PathBuf>,
        /// Server name to send (SNI) instead of the target's host.
        #[arg(long)]
        sni: Option<String>,
        /// Endpoints probed at once.
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        /// Deadline for each connect and read, in milliseconds.
        #[arg(long, default_value_t = 5000)]
        timeout_ms: u64,
        /// STARTTLS before TLS for targets without a protocol prefix: smtp, imap, pop3, ftp,
        /// ldap, rdp (or write smtp://host:25).
        #[arg(long, value_name = "PROTO")]
        starttls: Option<String>,
        /// Judge certificate chains against the CAs in this PEM file instead of the system
        /// store (a hospital's private CA).
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Probe and lint the inventory of kensa.toml (and any targets given), store the run in
    /// the history, and report what changed since the last complete run. Exit 1 only when
    /// the run brings new, returned or worse findings at or above --fail-on (cron mails only
    /// on change); 2 when a target could not be probed or a file not read (the run is kept).
    Scan {
        /// More targets, host[:port] as `kensa probe` takes them.
        targets: Vec<String>,
        /// File with one target per line (# comments allowed).
        #[arg(long = "targets", value_name = "FILE")]
        targets_file: Option<PathBuf>,
        /// Endpoints probed at once.
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        /// Deadline for each connect and read, in milliseconds.
        #[arg(long, default_value_t = 5000)]
        timeout_ms: u64,
        /// Judge certificate chains against the CAs in this PEM file (a hospital's private CA).
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// Lowest severity of a new, returned or worse finding that makes the exit code 1.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The hand-over compliance report: per device, per clause and per MHLW checklist item
    /// (self-contained HTML for A4, or kensa/v1 JSON with a `compliance` section).
    Report {
        /// Configuration files or directories (searched recursively).
        paths: Vec<PathBuf>,
        /// Also probe these endpoints (host[:port]); each is a device of the report.
        #[arg(long, value_name = "TARGET")]
        probe: Vec<String>,
        /// Who ran the check (instead of kensa.toml `[site] examiner`).
        #[arg(long, value_name = "NAME")]
        examiner: Option<String>,
        /// Write kensa/v1 JSON (findings and `compliance`) instead of HTML.
        #[arg(long)]
        json: bool,
        /// Force the input format instead of detecting it.
        #[arg(long = "as", value_name = "FORMAT")]
        as_format: Option<Format>,
        /// Where the audited device's `/` is (see `kensa lint --root`).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Server name to send (SNI) to probed endpoints.
        #[arg(long)]
        sni: Option<String>,
        /// Deadline for each probe connect and read, in milliseconds.
        #[arg(long, default_value_t = 5000)]
        timeout_ms: u64,
        /// Judge probed certificate chains against the CAs in this PEM file.
        #[arg(long, value_name = "FILE")]
        ca: Option<PathBuf>,
        /// Write the report to a file instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Language of the report (default from kensa.toml, then LANG).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Project configuration (default: the nearest kensa.toml above the first path).
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// What changed between two complete runs (default: the last two): new, resolved, came
    /// back, worse, still open, not checked. RUN is a run id or a date (YYYY-MM-DD: the last
    /// complete run started that day or before).
    Diff {
        /// The earlier run.
        from: Option<String>,
        /// The later run (default: the last complete one).
        to: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The stored runs; `history certs` the certificate calendar; `history prune` retention.
    History {
        #[command(subcommand)]
        action: Option<HistoryAction>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// List the rules.
    Rules {
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Explain one rule in full.
    Explain {
        code: String,
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// The known-exploited vulnerability table: download CISA's KEV catalogue, or show
    /// which table `lint` uses.
    Advisories {
        #[command(subcommand)]
        action: AdvisoriesAction,
    },
    /// Print a shell completion script (e.g. `kensa completions bash > /etc/bash_completion.d/kensa`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; e.g. `kensa manpage > kensa.1`).
    Manpage,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Every certificate any run saw, soonest expiry first, with the days left.
    Certs,
    /// Remove old runs: keep the newest N complete runs and/or the runs of the last DAYS days.
    Prune {
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
        #[arg(long, value_name = "DAYS")]
        older_than_days: Option<u32>,
    },
}

/// Where the history is, whose it is, and how to show it (`scan`, `diff`, `history`).
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The history store: a SQLite file or a postgres://... URL (default:
    /// .kensa/history.db beside kensa.toml, or in the working directory).
    #[arg(long, global = true, env = "KENSA_DB", value_name = "PATH|URL")]
    pub db: Option<String>,
    /// The site whose runs these are (keeps the sites of a fleet store apart).
    #[arg(long, global = true, env = "KENSA_SITE")]
    pub site: Option<String>,
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub output_format: crate::history::render::HistoryFormat,
    /// Language of messages (default from LANG).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Project configuration (default: kensa.toml in the working directory).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
}

/// The policy and rule selection of a command that judges with its own flags (`scan`,
/// `report`); `lint` and `probe` have these and more in [`Common`].
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// TLS policy table to use instead of the built-in one.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Rules or families to run (e.g. TLS,VPN003), instead of kensa.toml's `select`.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Rules or families to skip, instead of kensa.toml's `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct Common {
    #[arg(long, value_enum, default_value = "human")]
    pub output_format: OutputFormat,
    /// Write the report to a file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Language of messages (default from LANG).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Project configuration (default: the nearest kensa.toml above the first path, then in
    /// the working directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// TLS policy table to use instead of the built-in one.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Rules or families to run (e.g. TLS,VPN003), instead of kensa.toml's `select`.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Rules or families to run in addition to the selection.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Rules or families to skip, instead of kensa.toml's `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,
    /// Rules or families to skip in addition to the ignored ones.
    #[arg(long, value_delimiter = ',')]
    pub extend_ignore: Vec<String>,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Colours: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto")]
    pub color: String,
}

impl Common {
    /// The flags of a command that judges with its own options (`report`, `scan`): its
    /// policy and selection over the defaults; each sets what else it has over this.
    pub fn with_rules(rules: RuleArgs) -> Common {
        Common {
            policy: rules.policy,
            select: rules.select,
            ignore: rules.ignore,
            ..Common::default()
        }
    }
}

/// No `--extend-*`, no statistics, no colour: what `report` and `scan` do not have.
impl Default for Common {
    fn default() -> Common {
        Common {
            output_format: OutputFormat::Human,
            output: None,
            lang: None,
            fail_on: None,
            config: None,
            policy: None,
            select: None,
            extend_select: Vec::new(),
            ignore: None,
            extend_ignore: Vec::new(),
            statistics: false,
            color: "never".into(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AdvisoriesAction {
    /// Download CISA's Known Exploited Vulnerabilities catalogue and keep its entries for
    /// the products kensa knows (the only kensa command that uses the network besides probe).
    Update {
        /// Where to download the catalogue from.
        #[arg(long, env = "KENSA_KEV_URL", default_value = crate::advisories::update::KEV_URL)]
        url: String,
        #[command(flatten)]
        place: AdvisoriesPlace,
    },
    /// Show which table `lint` uses and its dates.
    Status {
        #[command(flatten)]
        place: AdvisoriesPlace,
    },
}

#[derive(Debug, Args)]
pub struct AdvisoriesPlace {
    /// Where the downloaded copy is kept (default: $KENSA_DATA_DIR, else
    /// $XDG_DATA_HOME/kensa or ~/.local/share/kensa); `lint` reads it from the same place.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}
