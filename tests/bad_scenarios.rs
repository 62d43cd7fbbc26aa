//! The corpus of bad scenario files in `tests/bad/`: every file must be
//! rejected by `esante check`, `esante run` and `esante calibrate` with exit
//! code 2, a located message (`file:line:col: key.path: message`), no panic,
//! and no report folder.
//!
//! Each file holds exactly one defect, described in its first line. Files in
//! sub-folders (`cycle/`, `parent/`) are parents of an `extends` chain; only the
//! entry files listed in [`CASES`] are run.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;

/// One bad file: the path under `tests/bad/` and substrings its stderr must
/// contain (a leading `!` means "must NOT contain").
struct Case {
    file: &'static str,
    expect: &'static [&'static str],
}

const fn ok(file: &'static str, expect: &'static [&'static str]) -> Case {
    Case { file, expect }
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    // --- TOML syntax and file-level problems ---
    ok("syntax_error.toml", &["syntax_error.toml:16:5: invalid TOML", "`=`"]),
    ok("syntax_error_unclosed_table.toml", &["syntax_error_unclosed_table.toml:9:12: invalid TOML: this inline table is not closed on its line", "ends with `}` on the line it starts"]),
    ok("duplicate_key.toml", &["duplicate_key.toml:17:1: invalid TOML: duplicate key"]),
    ok("non_utf8.toml", &["non_utf8.toml: cannot read scenario file", "UTF-8"]),
    ok("empty_file.toml", &["empty_file.toml: scenario.name: missing required key", "scenario.start_year: missing required key",
        "scenario.end_year: missing required key", "segments: a scenario needs at least one segment", "4 problems"]),

    // --- unknown keys (with suggestions) ---
    ok("unknown_key_top.toml", &["unknown_key_top.toml:20:2: simulaton: unknown key `simulaton`", "did you mean `simulation`?"]),
    ok("unknown_key_scenario.toml", &["unknown_key_scenario.toml:4:1: scenario.titel: unknown key `titel`", "did you mean `title`?"]),
    ok("unknown_key_axis.toml", &["unknown_key_axis.toml:8:1: axes.training.budgt: unknown key `budgt`", "did you mean `budget`?"]),
    ok("unknown_key_segment.toml", &["unknown_key_segment.toml:13:1: segments.hospitals.populaton: unknown key `populaton`", "did you mean `population`?"]),
    ok("unknown_key_dist.toml", &["unknown_key_dist.toml:10:49: axes.training.half_saturation.maxx: unknown key `maxx`", "did you mean `max`?"]),
    ok("unknown_key_schedule.toml", &["unknown_key_schedule.toml:9:27: axes.training.schedule.until: unknown key `until`", "allowed keys here: from, to, amounts"]),
    ok("unknown_key_target.toml", &["unknown_key_target.toml:21:1: targets[0].metrc: unknown key `metrc`", "did you mean `metric`?"]),
    ok("unknown_key_correlation.toml", &["unknown_key_correlation.toml:23:1: correlations[0].rh: unknown key `rh`", "did you mean `rho`?"]),
    ok("unknown_key_lift.toml", &["unknown_key_lift.toml:19:6: segments.hospitals.lift.r: unknown key `r`", "allowed keys here: p, q, ceiling"]),
    ok("unknown_key_deliverable.toml", &["unknown_key_deliverable.toml:11:27: axes.training.deliverables.trainees.per_meu: unknown key `per_meu`", "did you mean `per_meur`?"]),

    // --- wrong types ---
    ok("wrong_type_string_budget.toml", &["wrong_type_string_budget.toml:8:10: axes.training.budget: wrong type: expected a number, got string \"10\"", "!f64"]),
    ok("wrong_type_string_param.toml", &["wrong_type_string_param.toml:15:5: segments.hospitals.p: wrong type: expected a number or a distribution table such as { dist = \"uniform\", min = 0, max = 1 }, got string \"0.02\"", "expected a number or a distribution table"]),
    ok("wrong_type_float_lag.toml", &["wrong_type_float_lag.toml:11:7: axes.training.lag: wrong type: expected an integer, got the number `1.5`", "!i64"]),
    ok("wrong_type_year_string.toml", &["wrong_type_year_string.toml:4:14: scenario.start_year: wrong type: expected an integer, got string \"2021\"", "!i64"]),
    ok("wrong_type_axes_number.toml", &["wrong_type_axes_number.toml:2:8: axes: wrong type: expected a table, got the integer `5`", "!a map"]),
    ok("lift_not_table.toml", &["lift_not_table.toml:19:10: segments.hospitals.lift.p: wrong type: expected a table, got the integer `5`", "!a map"]),
    ok("wrong_type_dist_kind.toml", &["wrong_type_dist_kind.toml:10:28: axes.training.half_saturation.dist: wrong type: expected a string in quotes, got the integer `3`"]),

    // --- NaN and infinities ---
    ok("nan_param.toml", &["nan_param.toml:10:19: axes.training.half_saturation: must be a finite number, got NaN"]),
    ok("inf_param.toml", &["inf_param.toml:13:14: segments.hospitals.population: must be a finite number, got inf"]),
    ok("nan_budget.toml", &["nan_budget.toml:8:10: axes.training.budget: must be a finite number >= 0 (M EUR), got NaN"]),
    ok("inf_in_dist.toml", &["inf_in_dist.toml:15:43: segments.hospitals.p.max: must be a finite number, got inf"]),
    ok("nan_rho.toml", &["nan_rho.toml:23:7: correlations[0].rho: must be in [-1, 1], got NaN"]),
    ok("nan_target_level.toml", &["nan_target_level.toml:23:12: targets[0].at_least: must be a finite number, got NaN"]),

    // --- distribution parameters ---
    ok("uniform_min_ge_max.toml", &["uniform_min_ge_max.toml:10:1: axes.training.half_saturation: uniform needs min < max, got min = 30, max = 10"]),
    ok("uniform_missing_max.toml", &["uniform_missing_max.toml:10:1: axes.training.half_saturation: a uniform distribution needs `max`"]),
    ok("normal_sd_zero.toml", &["normal_sd_zero.toml:19:1: segments.hospitals.value_growth: normal needs sd > 0, got sd = 0"]),
    ok("normal_sd_negative.toml", &["normal_sd_negative.toml:19:1: segments.hospitals.value_growth: normal needs sd > 0, got sd = -0.01"]),
    ok("normal_truncation_inverted.toml", &["normal_truncation_inverted.toml:19:1: segments.hospitals.value_growth: normal truncation needs min < max"]),
    ok("normal_truncation_empty.toml", &["normal_truncation_empty.toml:19:1: segments.hospitals.value_growth: normal truncation [0.5, 0.6] holds almost none"]),
    ok("lognormal_p5_ge_p95.toml", &["lognormal_p5_ge_p95.toml:10:1: axes.training.half_saturation: lognormal needs 0 < p5 < p95, got p5 = 200, p95 = 40"]),
    ok("lognormal_p5_zero.toml", &["lognormal_p5_zero.toml:10:1: axes.training.half_saturation: lognormal needs 0 < p5 < p95, got p5 = 0"]),
    ok("lognormal_mixed.toml", &["lognormal_mixed.toml:10:1: axes.training.half_saturation: a lognormal is given either by `p5, p95` or by `mean, sd`, not both"]),
    ok("lognormal_mean_sd_nonpositive.toml", &["lognormal_mean_sd_nonpositive.toml:10:1: axes.training.half_saturation: lognormal needs mean > 0 and sd > 0"]),
    ok("triangular_mode_outside.toml", &["triangular_mode_outside.toml:15:1: segments.hospitals.p: triangular needs min <= mode <= max", "mode = 0.1"]),
    ok("pert_min_eq_max.toml", &["pert_min_eq_max.toml:17:1: segments.hospitals.ceiling: pert needs min <= mode <= max and min < max"]),
    ok("beta_alpha_nonpositive.toml", &["beta_alpha_nonpositive.toml:14:1: segments.hospitals.initial_adoption: beta needs alpha > 0 and beta > 0, got alpha = 0"]),
    ok("beta_min_ge_max.toml", &["beta_min_ge_max.toml:14:1: segments.hospitals.initial_adoption: beta needs min < max"]),
    ok("discrete_length_mismatch.toml", &["discrete_length_mismatch.toml:15:1: segments.hospitals.p: discrete needs one weight per value: 3 values, 2 weights"]),
    ok("discrete_negative_weight.toml", &["discrete_negative_weight.toml:15:1: segments.hospitals.p: discrete weights must be >= 0, got -0.5"]),
    ok("discrete_zero_sum.toml", &["discrete_zero_sum.toml:15:1: segments.hospitals.p: discrete weights must have a positive sum"]),
    ok("discrete_no_values.toml", &["discrete_no_values.toml:15:1: segments.hospitals.p: a discrete distribution needs `values`"]),
    ok("discrete_empty.toml", &["discrete_empty.toml:15:1: segments.hospitals.p: discrete needs at least one value"]),
    ok("unknown_dist_kind.toml", &["unknown_dist_kind.toml:15:14: segments.hospitals.p.dist: unknown distribution `gaussian`", "allowed: uniform, normal, lognormal"]),
    ok("unknown_dist_typo.toml", &["unknown_dist_typo.toml:10:28: axes.training.half_saturation.dist: unknown distribution `lognormall`", "did you mean `lognormal`?"]),
    ok("missing_dist.toml", &["missing_dist.toml:10:1: axes.training.half_saturation: distribution table without `dist`", "add `dist = \"...\"`"]),
    ok("key_not_of_kind.toml", &["key_not_of_kind.toml:19:66: segments.hospitals.value_growth.mode: `mode` is not a parameter of a normal distribution", "a normal takes mean, sd, min, max"]),

    // --- support of a distribution vs the parameter's domain ---
    ok("support_normal_share.toml", &["support_normal_share.toml:14:1: segments.hospitals.initial_adoption: normal(mean 0.25, sd 0.05) can take values outside the allowed range", "must be [0, 1]", "truncate it"]),
    ok("support_uniform_ceiling.toml", &["support_uniform_ceiling.toml:17:1: segments.hospitals.ceiling: uniform(0, 1) can take values outside the allowed range", "must be (0, 1]"]),
    ok("support_lognormal_execution.toml", &["support_lognormal_execution.toml:11:1: axes.training.execution: lognormal", "can take values outside the allowed range", "must be [0, 1]"]),
    ok("support_beta_depreciation.toml", &["support_beta_depreciation.toml:11:1: axes.training.depreciation: beta(2, 8) can take values outside the allowed range", "must be [0, 1)"]),
    ok("support_normal_positive.toml", &["support_normal_positive.toml:13:1: segments.hospitals.population: normal(mean 3000, sd 300) can take values outside the allowed range", "must be > 0"]),
    ok("support_uniform_negative_p.toml", &["support_uniform_negative_p.toml:15:1: segments.hospitals.p: uniform(-0.01, 0.03) can take values outside the allowed range", "must be >= 0"]),
    ok("support_discrete_share.toml", &["support_discrete_share.toml:14:1: segments.hospitals.initial_adoption: discrete", "support is [0.2, 1.2]", "must be [0, 1]"]),

    // --- fixed values outside their domain ---
    ok("fixed_depreciation_one.toml", &["fixed_depreciation_one.toml:11:16: axes.training.depreciation: must be [0, 1), got 1"]),
    ok("fixed_ceiling_zero.toml", &["fixed_ceiling_zero.toml:17:11: segments.hospitals.ceiling: must be (0, 1], got 0"]),
    ok("fixed_initial_adoption_above_one.toml", &["fixed_initial_adoption_above_one.toml:14:20: segments.hospitals.initial_adoption: must be [0, 1], got 1.5"]),
    ok("fixed_value_growth_minus_one.toml", &["fixed_value_growth_minus_one.toml:19:16: segments.hospitals.value_growth: must be > -1, got -1"]),
    ok("fixed_negative_lift.toml", &["fixed_negative_lift.toml:19:19: segments.hospitals.lift.p.training: must be >= 0, got -0.5"]),
    ok("negative_budget.toml", &["negative_budget.toml:8:10: axes.training.budget: must be a finite number >= 0 (M EUR), got -10"]),
    ok("negative_lag.toml", &["negative_lag.toml:11:7: axes.training.lag: must be a whole number of years from 0 to 100, got -1"]),
    ok("deliverable_missing_per_meur.toml", &["deliverable_missing_per_meur.toml:11:14: axes.training.deliverables.trainees.per_meur: missing required key"]),
    ok("deliverable_bad_name.toml", &["deliverable_bad_name.toml:11:14: axes.training.deliverables.Trainees: `Trainees` is not a valid deliverable name"]),

    // --- missing required keys ---
    ok("missing_half_saturation.toml", &["missing_half_saturation.toml:7:7: axes.training.half_saturation: missing required key", "add `half_saturation = ...`"]),
    ok("missing_population.toml", &["missing_population.toml:12:11: segments.hospitals.population: missing required key", "add `population = ...`"]),
    ok("missing_name.toml", &["missing_name.toml:2:2: scenario.name: missing required key", "add `name = "]),
    ok("missing_start_year.toml", &["missing_start_year.toml:2:2: scenario.start_year: missing required key"]),
    ok("missing_scenario_table.toml", &["missing_scenario_table.toml: scenario.name: missing required key", "scenario.start_year: missing required key", "3 problems"]),
    ok("missing_budget.toml", &["missing_budget.toml:7:7: axes.training.budget: missing required key"]),
    ok("missing_schedule_from.toml", &["missing_schedule_from.toml:9:1: axes.training.schedule.from: missing required key"]),
    ok("missing_corr_rho.toml", &["missing_corr_rho.toml:20:1: correlations[0].rho: missing required key"]),
    ok("missing_target_metric.toml", &["missing_target_metric.toml:20:1: targets[0].metric: missing required key"]),

    // --- lifts ---
    ok("lift_unknown_axis.toml", &["lift_unknown_axis.toml:19:18: segments.hospitals.lift.p.trainig: lift names unknown axis `trainig`", "did you mean `training`?"]),
    ok("market_lift_unknown_axis.toml", &["market_lift_unknown_axis.toml:22:31: market.lift.export_ratio.deploymnt: lift names unknown axis `deploymnt`", "axes of this scenario: training"]),

    // --- schedules and budgets ---
    ok("schedule_from_before_start.toml", &["schedule_from_before_start.toml:9:21: axes.training.schedule.from: must be within the horizon, 2021 to 2030, got 2019"]),
    ok("schedule_to_after_end.toml", &["schedule_to_after_end.toml:9:32: axes.training.schedule.to: must be within the horizon, 2021 to 2030, got 2032"]),
    ok("schedule_to_before_from.toml", &["schedule_to_before_from.toml:9:32: axes.training.schedule.to: must be >= from (2026), got 2022"]),
    ok("schedule_to_and_amounts.toml", &["schedule_to_and_amounts.toml:9:1: axes.training.schedule: give either `to` (flat) or `amounts` (explicit), not both"]),
    ok("schedule_neither_to_nor_amounts.toml", &["schedule_neither_to_nor_amounts.toml:9:1: axes.training.schedule: a schedule needs `to` or `amounts`"]),
    ok("amounts_sum_mismatch.toml", &["amounts_sum_mismatch.toml:8:10: axes.training.budget: budget 10 does not match the sum of schedule amounts 6"]),
    ok("amounts_past_end.toml", &["amounts_past_end.toml:8:37: axes.training.schedule.amounts: 4 amounts from 2028 run to 2031, past the horizon's end 2030"]),
    ok("amounts_negative.toml", &["amounts_negative.toml:8:37: axes.training.schedule.amounts: amounts must be finite numbers >= 0, got -2"]),
    ok("amounts_empty.toml", &["amounts_empty.toml:8:37: axes.training.schedule.amounts: must list at least one yearly amount"]),
    ok("budget_without_schedule.toml", &["budget_without_schedule.toml:7:7: axes.training.schedule: a budget of 10 M EUR needs a schedule"]),
    ok("flat_schedule_without_budget.toml", &["flat_schedule_without_budget.toml:7:7: axes.training.budget: missing required key: a flat schedule spreads `budget`"]),
    ok("schedule_huge_years.toml", &["schedule_huge_years.toml:5:12: scenario.end_year: must be >= start_year (2021), got 2020"]),
    ok("amounts_huge_from.toml", &["amounts_huge_from.toml:5:12: scenario.end_year: must be >= start_year (2021), got 2020"]),

    // --- horizon, names, ids ---
    ok("end_before_start.toml", &["end_before_start.toml:5:12: scenario.end_year: must be >= start_year (2021), got 2020"]),
    ok("year_not_four_digits.toml", &["year_not_four_digits.toml:4:14: scenario.start_year: must be a four-digit year, got 21"]),
    ok("horizon_too_long.toml", &["horizon_too_long.toml:5:12: scenario.end_year: the horizon may span at most 200 years"]),
    ok("bad_name_uppercase.toml", &["bad_name_uppercase.toml:3:8: scenario.name: `Bad-Scenario` is not a valid name"]),
    ok("bad_name_spaces.toml", &["bad_name_spaces.toml:3:8: scenario.name: `bad scenario` is not a valid name"]),
    ok("bad_name_empty.toml", &["bad_name_empty.toml:3:8: scenario.name:", "is not a valid name"]),
    ok("bad_axis_id.toml", &["bad_axis_id.toml:7:7: axes.\"Training Axis\": `Training Axis` is not a valid axis id"]),
    ok("bad_segment_id.toml", &["bad_segment_id.toml:12:11: segments.\"hôpitaux\": `hôpitaux` is not a valid segment id"]),
    ok("bad_segment_id_dot.toml", &["bad_segment_id_dot.toml:12:11: segments.\"a.b\": `a.b` is not a valid segment id"]),
    ok("reserved_segment_total.toml", &["reserved_segment_total.toml:12:11: segments.total: `total` is reserved"]),

    // --- [simulation] ---
    ok("draws_zero.toml", &["draws_zero.toml:8:9: simulation.draws: must be a positive number of draws, got 0"]),
    ok("draws_negative.toml", &["draws_negative.toml:8:9: simulation.draws: must be a positive number of draws, got -5"]),
    ok("sampling_sobol.toml", &["sampling_sobol.toml:8:12: simulation.sampling: unknown sampling `sobol`; allowed: \"mc\", \"lhs\""]),
    ok("report_lang_unknown.toml", &["report_lang_unknown.toml:8:8: report.lang: unknown language `de`; allowed: \"en\", \"fr\""]),
    ok("unknown_key_report.toml", &["unknown_key_report.toml:8:1: report.language: unknown key `language`", "allowed keys here: lang"]),
    ok("seed_negative.toml", &["seed_negative.toml:8:8: simulation.seed: must be >= 0, got -1"]),
    ok("no_segments.toml", &["no_segments.toml: segments: a scenario needs at least one segment"]),

    // --- [[targets]] ---
    ok("target_unknown_metric.toml", &["target_unknown_metric.toml:21:10: targets[0].metric: unknown metric `market.totl`", "did you mean `market.total`?"]),
    ok("target_year_outside.toml", &["target_year_outside.toml:22:8: targets[0].year: must be within the horizon, 2021 to 2030, got 2035"]),

    // --- [economics] ---
    ok("economics_rate_percent.toml", &["economics_rate_percent.toml:22:17: economics.discount_rate: must be a number in [0, 1), got 2.5", "write 0.025 for 2.5%"]),
    ok("economics_rate_negative.toml", &["economics_rate_negative.toml:22:17: economics.discount_rate: must be a number in [0, 1), got -0.01", "negative rates are not supported"]),
    ok("economics_rate_nan.toml", &["economics_rate_nan.toml:22:17: economics.discount_rate: must be a number in [0, 1), got NaN"]),
    ok("economics_rate_string.toml", &["economics_rate_string.toml:22:17: economics.discount_rate: wrong type: expected a number, got string \"2.5%\""]),
    ok("economics_base_year_digits.toml", &["economics_base_year_digits.toml:23:13: economics.base_year: must be a four-digit year, got 21"]),
    ok("economics_base_year_far.toml", &["economics_base_year_far.toml:23:13: economics.base_year: must be within 200 years of the horizon (2021 to 2030), from 1821 to 2230, got 1700"]),
    ok("economics_unknown_key.toml", &["economics_unknown_key.toml:22:1: economics.discount: unknown key `discount`", "did you mean `discount_rate`?"]),
    ok("economics_pv_overflow.toml", &["economics_pv_overflow.toml:23:13: economics.base_year: `pv.market.total` can reach", "move the base year closer to the horizon"]),
    ok("target_pv_without_economics.toml", &["target_pv_without_economics.toml:22:10: targets[0].metric: unknown metric `pv.market.total`", "only when the scenario has an [economics] table"]),
    ok("target_both_bounds.toml", &["target_both_bounds.toml:20:1: targets[0]: a target needs exactly one of `at_least` or `at_most`"]),
    ok("target_no_bound.toml", &["target_no_bound.toml:20:1: targets[0]: a target needs exactly one of `at_least` or `at_most`"]),

    // --- [[observed]] ---
    ok("observed_unknown_metric.toml", &["observed_unknown_metric.toml:21:10: observed[0].metric: unknown metric `adoption.hospital`", "did you mean `adoption.hospitals`?"]),
    ok("observed_metric_empty.toml", &["observed_metric_empty.toml:21:10: observed[0].metric: unknown metric ``", "metrics of this scenario: spending.training"]),
    ok("observed_metric_number.toml", &["observed_metric_number.toml:21:10: observed[0].metric: wrong type: expected a string in quotes, got the integer `5`"]),
    ok("observed_missing_metric.toml", &["observed_missing_metric.toml:20:1: observed[0].metric: missing required key (a metric name such as `market.total`)"]),
    ok("observed_year_after_end.toml", &["observed_year_after_end.toml:22:8: observed[0].year: must be within the horizon, 2021 to 2030, got 2035"]),
    ok("observed_year_before_start.toml", &["observed_year_before_start.toml:22:8: observed[0].year: must be within the horizon, 2021 to 2030, got 2019"]),
    ok("observed_year_huge.toml", &["observed_year_huge.toml:22:8: observed[0].year: must be within the horizon, 2021 to 2030, got 99999999999"]),
    ok("observed_year_string.toml", &["observed_year_string.toml:22:8: observed[0].year: wrong type: expected an integer, got string \"2024\"", "!i64"]),
    ok("observed_year_float.toml", &["observed_year_float.toml:22:8: observed[0].year: wrong type: expected an integer, got the number `2024.0`", "!i64"]),
    ok("observed_missing_year.toml", &["observed_missing_year.toml:20:1: observed[0].year: missing required key (a year of the horizon)"]),
    ok("observed_second_entry.toml", &["observed_second_entry.toml:29:8: observed[1].year: must be within the horizon, 2021 to 2030, got 2031", "!observed[0]"]),
    ok("observed_inline_year_outside.toml", &["observed_inline_year_outside.toml:2:53: observed[0].year: must be within the horizon, 2021 to 2030, got 2035"]),
    ok("observed_value_nan.toml", &["observed_value_nan.toml:23:9: observed[0].value: must be a finite number, got NaN"]),
    ok("observed_value_inf.toml", &["observed_value_inf.toml:23:9: observed[0].value: must be a finite number, got -inf"]),
    ok("observed_value_string.toml", &["observed_value_string.toml:23:9: observed[0].value: wrong type: expected a number, got string \"0.4\"", "!f64"]),
    ok("observed_missing_value.toml", &["observed_missing_value.toml:20:1: observed[0].value: missing required key (the observed value, in the metric's unit)"]),
    ok("observed_sd_and_rel_sd.toml", &["observed_sd_and_rel_sd.toml:20:1: observed[0]: give exactly one of `sd` (in the metric's unit) or `rel_sd` (a share of the value), not both"]),
    ok("observed_no_error.toml", &["observed_no_error.toml:20:1: observed[0]: an observation needs its error: `sd` (in the metric's unit) or `rel_sd` (a share of the value)"]),
    ok("observed_sd_zero.toml", &["observed_sd_zero.toml:24:6: observed[0].sd: must be a positive finite number, got 0"]),
    ok("observed_sd_negative.toml", &["observed_sd_negative.toml:24:6: observed[0].sd: must be a positive finite number, got -0.05"]),
    ok("observed_sd_inf.toml", &["observed_sd_inf.toml:24:6: observed[0].sd: must be a positive finite number, got inf"]),
    ok("observed_sd_nan.toml", &["observed_sd_nan.toml:24:6: observed[0].sd: must be a positive finite number, got NaN"]),
    ok("observed_rel_sd_negative.toml", &["observed_rel_sd_negative.toml:25:10: observed[0].rel_sd: must be a positive finite number, got -0.1"]),
    ok("observed_rel_sd_zero.toml", &["observed_rel_sd_zero.toml:25:10: observed[0].rel_sd: must be a positive finite number, got 0"]),
    ok("observed_rel_sd_value_zero.toml", &["observed_rel_sd_value_zero.toml:25:10: observed[0].rel_sd: gives an error of 0 for the value 0: an observation of 0 needs `sd`"]),
    ok("observed_rel_sd_overflow.toml", &["observed_rel_sd_overflow.toml:25:10: observed[0].rel_sd: gives an error of inf for the value 1e308: the error is beyond the largest number; give `sd`", "!an observation of 0"]),
    ok("observed_rel_sd_underflow.toml", &["observed_rel_sd_underflow.toml:25:10: observed[0].rel_sd: gives an error of 0 for the value 5e-324: the value is too small for a relative error; give `sd`"]),
    ok("observed_missing_source.toml", &["observed_missing_source.toml:20:1: observed[0].source: missing required key (where the figure comes from: publisher, date, figure)"]),
    ok("observed_source_empty.toml", &["observed_source_empty.toml:25:10: observed[0].source: must not be empty (where the figure comes from: publisher, date, figure)"]),
    ok("observed_source_number.toml", &["observed_source_number.toml:25:10: observed[0].source: wrong type: expected a string in quotes, got the integer `2024`"]),
    ok("observed_source_two_lines.toml", &["observed_source_two_lines.toml:25:10: observed[0].source: must be one line (no line break)"]),
    ok("observed_source_control.toml", &["observed_source_control.toml:25:10: observed[0].source: contains the control character U+001B; remove it"]),
    ok("observed_source_too_long.toml", &["observed_source_too_long.toml:25:10: observed[0].source: at most 10000 characters, got 10001"]),
    ok("observed_unknown_key.toml", &["observed_unknown_key.toml:25:1: observed[0].sorce: unknown key `sorce`", "did you mean `source`?", "allowed keys here: metric, year, value, sd, rel_sd, source"]),
    ok("observed_unknown_key_relsd.toml", &["observed_unknown_key_relsd.toml:24:1: observed[0].relsd: unknown key `relsd`", "did you mean `rel_sd`?"]),
    ok("observed_number.toml", &["observed_number.toml:2:12: observed: wrong type: expected an array, got the integer `5`", "!sequence"]),
    ok("observed_single_table.toml", &["observed_single_table.toml:20:1: observed: wrong type: expected an array, got a table", "!map"]),
    ok("observed_array_of_numbers.toml", &["observed_array_of_numbers.toml:2:13: observed[0]: wrong type: expected a table, got the integer `1`", "!struct"]),

    // --- [[correlations]] ---
    ok("corr_unknown_path.toml", &["corr_unknown_path.toml:22:5: correlations[0].b: no uncertain parameter at path `segments.hospital.q`", "did you mean `segments.hospitals.q`?"]),
    ok("corr_fixed_path.toml", &["corr_fixed_path.toml:22:5: correlations[0].b: `segments.hospitals.ceiling` is fixed (a bare number)"]),
    ok("corr_rho_out_of_range.toml", &["corr_rho_out_of_range.toml:23:7: correlations[0].rho: must be in [-1, 1], got 1.5"]),
    ok("corr_self.toml", &["corr_self.toml:20:1: correlations[0]: a parameter cannot be correlated with itself"]),
    ok("corr_duplicate_pair.toml", &["corr_duplicate_pair.toml:25:1: correlations[1]: the pair is already correlated in correlations[0]"]),
    ok("corr_not_positive_definite.toml", &["corr_not_positive_definite.toml:20:1: correlations[0]: the correlations among segments.hospitals.p, segments.hospitals.q, segments.hospitals.value_per_adopter contradict each other", "no correlation matrix has them all"]),
    ok("corr_missing_b.toml", &["corr_missing_b.toml:20:1: correlations[0].b: missing required key"]),
    ok("corr_rho_one.toml", &["corr_rho_one.toml:", "correlations[0]", "the copula needs |rho| < 1"]),

    // --- extends ---
    ok("extends_missing.toml", &["extends_missing.toml:3:11: scenario.extends: cannot read scenario file does-not-exist.toml", "relative to the file that contains it"]),
    ok("extends_self.toml", &["extends_self.toml:3:11: scenario.extends: `extends` makes a cycle: extends_self.toml -> extends_self.toml"]),
    ok("cycle/a.toml", &["cycle/b.toml:3:11: scenario.extends: `extends` makes a cycle: cycle/a.toml -> cycle/b.toml -> cycle/a.toml"]),
    ok("parent_unknown_key.toml", &["parent/unknown_key_base.toml:8:1: axes.training.budgt", "unknown key `budgt`", "did you mean `budget`?"]),
    ok("parent_invalid_value.toml", &["parent/invalid_value_base.toml:11:16: axes.training.depreciation: must be [0, 1), got 1.5"]),
    ok("parent_invalid_value_partial.toml", &["parent/invalid_value_base.toml:11:16: axes.training.depreciation: must be [0, 1), got 1.5"]),
    ok("parent_syntax_error.toml", &["parent/syntax_error_base.toml:16:5: invalid TOML"]),
    ok("child_breaks_parent.toml", &["parent/valid_base.toml:9:32: axes.training.schedule.to: must be within the horizon, 2021 to 2024, got 2026"]),
    ok("child_unknown_axis_lift.toml", &["child_unknown_axis_lift.toml:7:19: segments.hospitals.lift.q.research: lift names unknown axis `research`"]),
    ok("child_missing_name.toml", &["child_missing_name.toml:2:2: scenario.name: missing required key", "!parent/valid_base.toml"]),
    ok("child_target_missing_year.toml", &["child_target_missing_year.toml:6:1: targets[0].year: missing required key", "!parent/targets_base.toml"]),
    ok("child_observed_outside_horizon.toml", &["parent/observed_base.toml:22:8: observed[0].year: must be within the horizon, 2021 to 2026, got 2028", "inherited by child_observed_outside_horizon.toml:3:11"]),
    ok("child_observed_missing_source.toml", &["child_observed_missing_source.toml:6:1: observed[0].source: missing required key", "!parent/observed_base.toml"]),

    // --- extends: remove ---
    ok("remove_unknown_axis.toml", &["remove_unknown_axis.toml:4:11: scenario.remove[0]: cannot remove `axes.deploymnt`: the scenario inherited from parent/two_axes_base.toml has no `axes.deploymnt`", "did you mean `deployment`? inherited axes: training, deployment"]),
    ok("remove_wrong_kind.toml", &["remove_wrong_kind.toml:4:11: scenario.remove[0]: `axes.training.budget` cannot be removed: `remove` takes whole entries", "an axis `axes.<id>`, a segment `segments.<id>`", "`targets[i]`"]),
    ok("remove_not_a_path.toml", &["remove_not_a_path.toml:4:11: scenario.remove[0]: `axes..training` is not a key path", "an axis `axes.<id>`"]),
    ok("remove_not_string.toml", &["remove_not_string.toml:4:25: scenario.remove[1]: wrong type: expected a string in quotes, got the integer `1`"]),
    ok("remove_not_array.toml", &["remove_not_array.toml:4:10: scenario.remove: wrong type: expected an array, got string \"axes.deployment\"", "!sequence"]),
    ok("remove_without_extends.toml", &["remove_without_extends.toml:4:10: scenario.remove: `remove` takes away what a parent scenario gives, and this file has no `extends`"]),
    ok("remove_target_out_of_range.toml", &["remove_target_out_of_range.toml:4:11: scenario.remove[0]: cannot remove `targets[2]`: the scenario inherited from parent/two_axes_base.toml has 2 elements in `[[targets]]`, `targets[0]` to `targets[1]`", "inherited targets: `targets[0]` (market.total in 2030); `targets[1]` (adoption.hospitals in 2029)"]),
    ok("remove_twice.toml", &["remove_twice.toml:4:70: scenario.remove[2]: `axes.\"deployment\"` is already removed by scenario.remove[1]"]),
    ok("remove_own_targets.toml", &["remove_own_targets.toml:4:11: scenario.remove[0]: `targets[0]` cannot be removed: this file's own `[[targets]]` replace every inherited one"]),
    ok("remove_axis_still_lifted.toml", &["parent/two_axes_base.toml:24:41: segments.hospitals.lift.q.deployment: lift names unknown axis `deployment`", "`axes.deployment` is removed by remove_axis_still_lifted.toml:4:11 (scenario.remove[0])"]),
    ok("remove_target_then_shorten.toml", &["parent/two_axes_base.toml:33:8: targets[1].year: must be within the horizon, 2021 to 2028, got 2029", "`targets[1]` of this file is `targets[0]` of the scenario"]),
];

/// The folder of the bad files.
fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("bad")
}

/// Runs `esante <args> <file>` from `tests/bad/` so messages name files relative to it.
fn esante(args: &[&str], file: &str, extra: &[&str]) -> Output {
    Command::cargo_bin("esante")
        .expect("the esante binary")
        .current_dir(bad_dir())
        .args(args)
        .arg(file)
        .args(extra)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("esante runs")
}

/// Everything wrong with one case, empty when it behaves.
fn check_case(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let run_out = tmp.path().join("run");
    let calibrate_out = tmp.path().join("calibrated");
    let arg = |p: &Path| p.to_str().expect("utf-8 temp path").to_string();
    let (run_arg, calibrate_arg) = (arg(&run_out), arg(&calibrate_out));
    let runs = [
        ("check", esante(&["check"], case.file, &[])),
        ("run", esante(&["run"], case.file, &["--out", &run_arg])),
        (
            "calibrate",
            esante(
                &["calibrate"],
                case.file,
                &["--draws", "64", "--quiet", "--out", &calibrate_arg],
            ),
        ),
    ];
    for (cmd, o) in &runs {
        let stderr = String::from_utf8_lossy(&o.stderr);
        let stdout = String::from_utf8_lossy(&o.stdout);
        let mut p = |what: String| {
            problems.push(format!(
                "{} ({cmd}): {what}\n  stderr: {}\n  stdout: {}",
                case.file,
                stderr.trim_end().replace('\n', "\n          "),
                stdout.trim_end().replace('\n', "\n          ")
            ))
        };
        if o.status.code() != Some(2) {
            p(format!("exit code {:?}, expected 2", o.status.code()));
        }
        if predicate::str::contains("panicked").eval(&stderr) {
            p("panicked".into());
        }
        if !predicate::str::starts_with("error: ").eval(&stderr) {
            p("stderr does not start with `error: `".into());
        }
        if stderr
            .split(|c: char| !c.is_ascii_digit())
            .any(|digits| digits.len() >= 20)
        {
            p("a number of 20 or more digits: show it in exponent notation".into());
        }
        if predicate::str::contains("\nvalid").eval(&stdout) {
            p("stdout says the scenario is valid".into());
        }
        for want in case.expect {
            match want.strip_prefix('!') {
                Some(bad) if predicate::str::contains(bad).eval(&stderr) => {
                    p(format!("stderr should not contain {bad:?}"))
                }
                Some(_) => {}
                None if !predicate::str::contains(*want).eval(&stderr) => {
                    p(format!("stderr lacks {want:?}"))
                }
                None => {}
            }
        }
    }
    for (cmd, out) in [("run", &run_out), ("calibrate", &calibrate_out)] {
        if out.exists() {
            problems.push(format!(
                "{} ({cmd}): wrote a report folder {}",
                case.file,
                out.display()
            ));
        }
    }
    problems
}

fn check_all<'a>(cases: impl Iterator<Item = &'a Case>) {
    let mut problems = Vec::new();
    let mut n = 0;
    for case in cases {
        n += 1;
        problems.extend(check_case(case));
    }
    assert!(n > 0, "no cases");
    assert!(
        problems.is_empty(),
        "{} problem(s) in {n} bad scenario file(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// Every bad file is rejected by `check`, `run` and `calibrate` with exit code 2, a located
/// message naming the key path, no panic and no report folder.
#[test]
fn bad_scenarios_are_rejected_with_precise_messages() {
    check_all(CASES.iter());
}

/// A scenario file that does not exist: exit code 2, the path in the message.
#[test]
fn missing_scenario_file_is_rejected() {
    check_all(std::iter::once(&ok(
        "no-such-file.toml",
        &["no-such-file.toml: cannot read scenario file no-such-file.toml"],
    )));
}

/// Every `.toml` file directly in `tests/bad/` is in [`CASES`] (the parents of
/// `extends` chains live in sub-folders), and every case's file exists.
#[test]
fn every_bad_file_has_a_case() {
    let dir = bad_dir();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/bad exists") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !CASES.iter().any(|c| c.file == name) {
                missing.push(name);
            }
        }
    }
    assert!(missing.is_empty(), "bad files without a case: {missing:?}");
    for c in CASES {
        assert!(dir.join(c.file).is_file(), "{} does not exist", c.file);
    }
    let mut seen = std::collections::HashSet::new();
    for c in CASES {
        assert!(seen.insert(c.file), "{} is listed twice", c.file);
    }
}
