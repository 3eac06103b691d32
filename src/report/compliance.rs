//! Compliance by device and clause: the matrix of the hand-over report (`kensa report`) and
//! the `compliance` section of its JSON.
//!
//! A clause is met (適合) only where a rule citing it *judged* something on that device
//! ([`crate::rules::Checker::examined`]) and found nothing at warning or error. A clause no
//! rule judged is not applicable (該当なし), never met: a file that says nothing about a
//! clause is no evidence for it. What kensa could not fully read or measure, and the
//! clauses no configuration can show (13-1, 13-3, 13-7), are for a person to confirm
//! (要確認). Findings keep their weight on a partly understood input: an accusation from the
//! lines kensa did understand stays true.

use crate::i18n::Lang;
use crate::rules::{registry, Coverage, Finding, Severity};
use serde::Serialize;

/// The clauses of the matrix, in the guideline's order: chapter 13, then the related ones.
pub const CLAUSES: &[&str] = &[
    "13-1", "13-2", "13-3", "13-4", "13-5", "13-6", "13-7", "13-8", "13-9", "13-10", "13-11", "13-12", "13-13", "7-12", "7-13", "8-5", "14-5", "14-6", "17-1",
    "17-3",
];

/// Clauses no configuration or probe can show: responsibility boundaries (13-1), a
/// carrier's closed-network scope (13-3), encrypting the information itself (13-7).
pub const ALWAYS_MANUAL: &[&str] = &["13-1", "13-3", "13-7"];

/// The state of one clause on one device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// 適合: a rule for the clause judged something here and found nothing.
    Pass,
    /// 不適合: an error finding, not waived.
    Violated,
    /// 要改善: a warning finding, not waived.
    Warning,
    /// 例外承認: every finding is covered by an active waiver.
    Waived,
    /// 該当なし: nothing here that a rule for the clause applies to.
    NotApplicable,
    /// 要確認: a person must confirm it (see [`Reason`]).
    Manual,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Pass => "pass",
            State::Violated => "violated",
            State::Warning => "warning",
            State::Waived => "waived",
            State::NotApplicable => "not-applicable",
            State::Manual => "manual",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => match self {
                State::Pass => "適合",
                State::Violated => "不適合",
                State::Warning => "要改善",
                State::Waived => "例外承認",
                State::NotApplicable => "該当なし",
                State::Manual => "要確認",
            },
            Lang::En => match self {
                State::Pass => "pass",
                State::Violated => "violated",
                State::Warning => "warning",
                State::Waived => "waived",
                State::NotApplicable => "not applicable",
                State::Manual => "manual",
            },
        }
    }
}

/// Why a clause is for a person to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// 13-1, 13-3, 13-7: no configuration shows them.
    AlwaysManual,
    /// The input has lines kensa did not understand, or could not be read in full.
    PartlyUnderstood,
    /// The endpoint could not be measured.
    NotMeasured,
    /// A rule for the clause was left out of the run (`--select`/`--ignore`).
    RulesNotRun,
}

impl Reason {
    pub fn name(self) -> &'static str {
        match self {
            Reason::AlwaysManual => "always-manual",
            Reason::PartlyUnderstood => "partly-understood",
            Reason::NotMeasured => "not-measured",
            Reason::RulesNotRun => "rules-not-run",
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => match self {
                Reason::AlwaysManual => "設定や測定からは判断できない項目です",
                Reason::PartlyUnderstood => "入力の一部を解釈できなかったため、この項目は判断しきれません",
                Reason::NotMeasured => "接続先を測定できませんでした",
                Reason::RulesNotRun => "この項目のルールの一部を実行していません (--select/--ignore)",
            },
            Lang::En => match self {
                Reason::AlwaysManual => "no configuration or measurement can show this clause",
                Reason::PartlyUnderstood => "part of the input was not understood, so the clause cannot be judged in full",
                Reason::NotMeasured => "the endpoint could not be measured",
                Reason::RulesNotRun => "some rules for this clause were not run (--select/--ignore)",
            },
        }
    }
}

/// One cell of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub clause: &'static str,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// Rules for the clause that judged something here (the evidence for a pass).
    pub judged_by: Vec<&'static str>,
    /// Findings citing the clause: warnings and errors not waived, waived ones, and notes
    /// (info: good practice, which a met clause may still carry).
    pub findings: u32,
    pub waived: u32,
    pub notes: u32,
}

/// The matrix column of one device: its findings, which rules ran and what each judged,
/// and whether its input was only partly understood. `coverage` is `None` when nothing
/// could be judged (an endpoint that could not be measured).
pub fn judge(findings: &[Finding], coverage: Option<&Coverage>, partly: bool) -> Vec<Cell> {
    CLAUSES.iter().map(|&clause| judge_clause(clause, findings, coverage, partly)).collect()
}

fn judge_clause(clause: &'static str, findings: &[Finding], coverage: Option<&Coverage>, partly: bool) -> Cell {
    let mut cell = Cell {
        clause,
        state: State::Manual,
        reason: None,
        judged_by: Vec::new(),
        findings: 0,
        waived: 0,
        notes: 0,
    };
    let (mut error, mut warning) = (false, false);
    for f in findings.iter().filter(|f| f.clauses().iter().any(|c| c == clause)) {
        match (&f.waiver, f.severity) {
            (Some(_), _) => cell.waived += 1,
            (None, Severity::Info) => cell.notes += 1,
            (None, s) => {
                cell.findings += 1;
                error |= s == Severity::Error;
                warning |= s == Severity::Warning;
            }
        }
    }
    if let Some(cov) = coverage {
        for r in registry::all().iter().filter(|r| r.meta.clauses.iter().any(|c| c == clause)) {
            if cov.examined(&r.meta.code).is_some_and(|n| n > 0) {
                cell.judged_by.push(r.meta.code.as_str());
            }
        }
    }
    let waived_problem = findings
        .iter()
        .any(|f| f.waiver.is_some() && f.severity > Severity::Info && f.clauses().iter().any(|c| c == clause));
    let (state, reason) = if ALWAYS_MANUAL.contains(&clause) {
        (State::Manual, Some(Reason::AlwaysManual))
    } else if error {
        (State::Violated, None)
    } else if warning {
        (State::Warning, None)
    } else if waived_problem {
        (State::Waived, None)
    } else if let Some(cov) = coverage {
        let all_ran = registry::all()
            .iter()
            .filter(|r| r.check.is_some() && r.meta.clauses.iter().any(|c| c == clause))
            .all(|r| cov.examined(&r.meta.code).is_some());
        if partly {
            (State::Manual, Some(Reason::PartlyUnderstood))
        } else if !all_ran {
            (State::Manual, Some(Reason::RulesNotRun))
        } else if cell.judged_by.is_empty() {
            (State::NotApplicable, None)
        } else {
            (State::Pass, None)
        }
    } else {
        (State::Manual, Some(Reason::NotMeasured))
    };
    cell.state = state;
    cell.reason = reason;
    cell
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::TlsPolicy;
    use crate::rules::Engine;

    fn cells(text: &str, format: crate::formats::Format, select: &[&str]) -> Vec<Cell> {
        let input = crate::formats::parse_text(format, "t.conf", text);
        let mut engine = Engine::new(TlsPolicy::builtin(), 0);
        engine.selection.select = select.iter().map(|s| s.to_string()).collect();
        let (findings, coverage) = engine.check_covered(&input.model);
        let partly = input.partly_judged();
        judge(&findings, Some(&coverage), partly)
    }

    fn state(cells: &[Cell], clause: &str) -> State {
        cells.iter().find(|c| c.clause == clause).unwrap().state
    }

    /// TLS 1.3 only with a required, CA-checked client certificate: 13-6 is met because
    /// rules judged the server; WLAN's 13-13 has nothing to judge; 13-1 is always manual.
    #[test]
    fn pass_needs_a_rule_that_judged_something() {
        let good = "server {\n listen 443 ssl;\n ssl_protocols TLSv1.3;\n}\n";
        let c = cells(good, crate::formats::Format::Nginx, &[]);
        assert_eq!(state(&c, "13-1"), State::Manual);
        assert_eq!(state(&c, "13-13"), State::NotApplicable);
        let bad = "server {\n listen 443 ssl;\n ssl_protocols TLSv1 TLSv1.3;\n}\n";
        let c = cells(bad, crate::formats::Format::Nginx, &[]);
        assert_eq!(state(&c, "13-6"), State::Violated);
        assert_eq!(state(&c, "13-13"), State::NotApplicable);
    }

    /// Silence from rules that did not run is no pass: with TLS rules left out, 13-6 is
    /// for a person to confirm.
    #[test]
    fn a_clause_whose_rules_were_not_run_is_manual() {
        let good = "server {\n listen 443 ssl;\n ssl_protocols TLSv1.3;\n}\n";
        let c = cells(good, crate::formats::Format::Nginx, &["VPN"]);
        assert_eq!(state(&c, "13-6"), State::Manual);
        assert_eq!(c.iter().find(|c| c.clause == "13-6").unwrap().reason, Some(Reason::RulesNotRun));
    }

    /// An endpoint that could not be measured is manual on every clause, never a pass.
    #[test]
    fn nothing_measured_is_manual_everywhere() {
        for cell in judge(&[], None, false) {
            assert_eq!(cell.state, State::Manual, "{}", cell.clause);
        }
    }
}
