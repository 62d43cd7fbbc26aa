//! English: the comparison report.

use crate::report::text::{CompareText, FigureText};

/// English.
pub(super) const COMPARE: CompareText = CompareText {
    title: |alts, base| format!("Comparison: {alts} vs `{base}`"),
    intro: |draws, seed, sampling, version| {
        format!(
            "Every scenario ran with the same {draws} draws (seed {seed}, {sampling} sampling, \
             esante {version}): draw *i* of each scenario uses the same random numbers for \
             every parameter they share, so the differences below show what the change does, \
             not sampling noise."
        )
    },
    scenario_columns: ["role", "scenario", "title", "years", "hash"],
    roles: ["base", "alternative"],
    versus: |alt, base| format!("{alt} vs {base}"),
    difference_in: |year, alt, base| {
        format!("Draw-by-draw difference ALT - BASE in {year} (ALT = `{alt}`, BASE = `{base}`).")
    },
    diff_columns: [
        "metric",
        "base mean",
        "alt mean",
        "diff P5",
        "diff P50",
        "diff P95",
        "P(alt > base)",
    ],
    share_unit: "%, diff in points",
    extras: |from, to, [s50, s5, s95], [m50, m5, m95]| {
        format!(
            "Over {from}-{to}: extra executed public spending {s50} M EUR (P5-P95 {s5} to \
             {s95}), extra domestic market {m50} M EUR (P5-P95 {m5} to {m95}), medians."
        )
    },
    no_extra_spending: "The alternative spends no extra public money: no market per extra M EUR.",
    calibrated: |name, ess| {
        format!(
            "**Calibrated**: every draw is weighted by the likelihood of the observed figures \
             of `{name}` (`[[observed]]`, importance weighting), so every statistic below is \
             on the calibrated projection; the weights are worth {ess} independent draws \
             (Kish's effective sample size)."
        )
    },
    mismatch_intro: |alt, base| {
        format!("`{alt}` and the base `{base}` differ in more than programme money")
    },
    mismatch_segment: |id, only_in| format!("segment `{id}` is only in `{only_in}`"),
    mismatch_parameter: |path, base, alt| {
        format!("`{path}` is {base} in the base and {alt} in the alternative")
    },
    mismatch_start: |base, alt| format!("the base starts in {base}, the alternative in {alt}"),
    start_gap: |year, mean, p5, p95| {
        format!(
            "the domestic market already differs in {year} (mean {mean} M EUR, P5-P95 {p5} to \
             {p95}): the differences are not only the programme's effect"
        )
    },
    warning: "Warning",
    per_meur: |p50, p5, p95| {
        format!("Extra domestic market per extra public M EUR: **{p50}** (P5-P95 {p5} to {p95}).")
    },
    present_values: |rate, base_year| {
        format!(
            "Extra spending, extra market and their ratio are present values: each year's \
             money discounted at {rate} a year to {base_year} euros (`[economics]`)."
        )
    },
    charts: "Charts",
    data_files: "Every shared metric and year is in `comparison.csv` (one row per alternative, \
                 metric and year) and `comparison.json`.",
    figures: [
        FigureText {
            heading: "Total market by scenario",
            caption: "Total market per year in each scenario (one colour each): the line is the \
                      median over the draws, the light band holds 90% of the draws (P5-P95; \
                      with two scenarios the darker band holds the middle half); the draws \
                      share their random numbers, so the gap between the lines is the effect of \
                      the change.",
        },
        FigureText {
            heading: "Adoption by segment and scenario",
            caption: "Adopted share of each segment of the base, per year, one colour per \
                      scenario: median line and P5-P95 band over the draws.",
        },
        FigureText {
            heading: "Market per extra public M EUR",
            caption: "For each alternative, extra domestic market over the shared years per \
                      extra M EUR of public spending, draw by draw: the bar is the median, the \
                      whisker P5-P95; right of the dashed line at 1 the market gains more than \
                      the state spends.",
        },
    ],
    difference_heading: |alt, base| format!("Difference: {alt} − {base}"),
    difference_caption: |alt, base| {
        format!(
            "Draw-by-draw difference `{alt}` minus `{base}` in the total (left) and domestic \
             (right) market per year: median line, P25-P75 and P5-P95 bands; above the grey \
             zero line the alternative does better."
        )
    },
    terminal_base: |base, draws, seed, sampling| {
        format!("Base {base}: {draws} draws, seed {seed}, {sampling} sampling.")
    },
    terminal_alt: |name, year, [p5, p50, p95], p| {
        format!(
            "  {name}: market.total in {year}, ALT - BASE: P5 {p5} / P50 {p50} / P95 {p95} M EUR, \
             P(alt > base) {p}"
        )
    },
    terminal_per_meur: |p50, p5, p95| {
        format!("    extra domestic market per extra public M EUR: {p50} (P5-P95 {p5} to {p95})")
    },
    terminal_present_values: |rate, base_year| {
        format!("    (present values: discounted at {rate} a year to {base_year})")
    },
    provenance_names: |names| names.join(" vs "),
    subtitle: |base, alts| {
        let which = if alts.len() == 1 {
            "Alternative"
        } else {
            "Alternatives"
        };
        format!("Base: {base}. {which}: {}.", alts.join("; "))
    },
    base_label: |name| format!("{name} (base)"),
    band_p25_p75: "P25–P75",
    band_p5_p95: "P5–P95 of the draws",
    market_title: "Total digital-health market per year, by scenario (M EUR)",
    adoption_title: "Adopted share by segment, by scenario",
    difference_panels: ["Total market", "Domestic market"],
    difference_label: |alt, base| format!("{alt} − {base}"),
    median_difference: |label| format!("{label}: median difference"),
    zero_line: "0: no difference",
    difference_title: "Market difference, alternative − base, draw by draw (M EUR per year)",
    difference_subtitle: |alt, base| format!("{alt}  minus  {base}"),
    difference_axis: "ALT − BASE, M EUR per year",
    ratio_title: "Extra domestic market per extra public M EUR, vs the base",
    ratio_legend: [
        "median over the draws",
        "P5–P95 of the draws (numbers: median, P5 to P95)",
        "1: one M EUR of market per public M EUR",
    ],
    ratio_axis: |from, to| {
        format!("M EUR of extra domestic market ({from}-{to}, summed) per extra public M EUR")
    },
    ratio_axis_mixed: "M EUR of extra domestic market (shared years, summed) per extra public M EUR",
    ratio_axis_pv: |from, to, rate, base_year| {
        format!(
            "present values at {rate} a year to {base_year}: M EUR of extra domestic market \
             ({from}-{to}) per extra public M EUR"
        )
    },
    ratio_axis_mixed_pv: |rate, base_year| {
        format!(
            "present values at {rate} a year to {base_year}: M EUR of extra domestic market \
             (shared years) per extra public M EUR"
        )
    },
    ratio_numbers: |p50, p5, p95| format!("{p50} ({p5} to {p95})"),
    ratio_left_out: |n| format!("; {n} draws without extra spending left out"),
    ratio_undefined: "no extra public spending: the ratio is not defined",
};
