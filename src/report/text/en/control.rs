//! English: precision control.

use crate::report::text::ControlText;

/// Precision control in English.
pub(super) const CONTROL: ControlText = ControlText {
    heading: "Precision control",
    summary: |goal, draws, rounds, met, max| {
        let rounds = format!("{rounds} round{}", if rounds == 1 { "" } else { "s" });
        if met {
            format!(
                "Asked for a precision of ±{goal}: reached after {draws} draws ({rounds}); \
                 every tracked statistic below is known within {goal} of its value."
            )
        } else {
            format!(
                "Asked for a precision of ±{goal}: **not reached** within the limit of \
                 {max} draws ({rounds}); the statistics marked *no* below are less precise. \
                 Raise `--max-draws` or ask for less precision."
            )
        }
    },
    note: |lhs| {
        let mut s = "The run drew in rounds, each doubling the draws, and stopped at the \
                     first round where the 95% Monte Carlo interval of the mean, P5, median \
                     and P95 of every tracked output (the targets' metrics, or the total \
                     market in the last year without targets) was within the asked share of \
                     the value. Checks fall between rounds, at whole blocks of draws: where \
                     the run stops depends on the scenario, seed, sampling, first draws and \
                     precision, never on the number of threads."
            .to_string();
        if lhs {
            s.push_str(
                " Under Latin hypercube sampling each round is a new hypercube of the \
                 round's draws and the intervals are those of independent draws, which \
                 overstate the error of LHS estimates: the stop is conservative.",
            );
        } else {
            s.push_str(
                " Each round adds new draws to the earlier ones: the results are those of \
                 a plain run of the same number of draws.",
            );
        }
        s
    },
    columns: [
        "metric",
        "year",
        "statistic",
        "value",
        "± (95%)",
        "± share of value",
        "within",
    ],
    statistics: ["mean", "P5", "median", "P95"],
    met: ["yes", "no"],
    rounds_columns: ["draws", "widest ± share of value"],
    not_met: |goal, draws, widest| {
        format!(
            "the precision of ±{goal} was not reached within {draws} draws (widest 95% \
             interval ±{widest} of its value); raise --max-draws or ask for less precision"
        )
    },
    round_line: |l, draws, widest| {
        format!(
            "precision: {} draws, widest 95% interval ±{} of its value",
            l.thousands(draws as f64, 0),
            crate::report::run::share_text(widest, l)
        )
    },
};
