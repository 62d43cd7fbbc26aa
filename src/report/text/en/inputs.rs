//! English: the inputs section of a run report.

use crate::report::text::InputsText;

/// The inputs section in English.
pub(super) const INPUTS: InputsText = InputsText {
    heading: "Inputs",
    note: "Every assumption of the model as this run read it (after `extends` and `--set`; \
           [`scenario.toml`](scenario.toml) holds it as a file). Fixed numbers are shown as \
           they are; uncertain ones as their distribution.",
    axes: "Axes",
    axes_columns: [
        "axis",
        "budget (M EUR)",
        "years",
        "execution",
        "leverage",
        "lag (years)",
        "depreciation (per year)",
        "half-saturation (M EUR)",
    ],
    no_schedule: "none",
    deliverables: "Deliverables",
    deliverables_columns: ["axis", "deliverable", "units per M EUR spent"],
    segments: "Segments",
    segments_columns: [
        "segment",
        "population",
        "unit",
        "initial adoption",
        "p",
        "q",
        "ceiling",
    ],
    market: "Market",
    market_note: "What an adopter spends on digital health per year in the first year (EUR), \
                  and how that grows each year.",
    market_columns: [
        "segment",
        "value per adopter (EUR/year)",
        "value growth (per year)",
    ],
    export_ratio: |ratio| format!("Exports as a share of the domestic market: {ratio}."),
    lifts: "Programme lifts",
    lifts_note: "How each axis' effect E (0 to 1) raises a parameter: the parameter times \
                 (1 + the sum over axes of lift × E), the ceiling capped at 100%.",
    lifts_columns: ["parameter", "axis", "lift"],
    lifted: |parameter, segment| format!("{parameter} of {segment}"),
    lifted_export: "export ratio",
    no_lift: "No axis lifts any parameter: the programme's spending changes no adoption and \
              no market.",
    correlations: "Correlations",
    correlations_note: "Spearman rank correlations imposed between uncertain parameters \
                        (Gaussian copula).",
    correlations_columns: ["parameter", "parameter", "rank correlation"],
};
