//! The committed reports under `reports/` are what the shipped scenarios
//! produce with their own settings, byte for byte: every file of the folder
//! (summary files, charts, `index.md`), nothing missing and nothing extra.
//! Regenerate a stale one with `cargo run --release -- run scenarios/<file>.toml`.

use std::collections::BTreeSet;

use esante::Scenario;
use esante::engine::{self, Silent};
use esante::report::chart::Format;
use esante::report::{Run, report_exports};

#[test]
fn committed_reports_are_fresh() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let s = Scenario::load(path).unwrap();
        let st = engine::run(&s, &Silent);
        let run = Run {
            scenario: &s,
            stats: &st,
        };
        let dir = format!("reports/{}", s.name);
        let regenerate = format!(
            "regenerate it with `cargo run --release -- run {}`",
            path.display()
        );
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{dir} is missing: {regenerate}"))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let exports = report_exports(&run, &Format::ALL);
        let expected: BTreeSet<String> =
            exports.iter().map(|e| e.file_name().to_string()).collect();
        assert_eq!(
            on_disk, expected,
            "{dir} does not hold exactly the report's files: {regenerate}"
        );
        for e in exports {
            let mut fresh = Vec::new();
            e.write(&run, &mut fresh).unwrap();
            let file = format!("{dir}/{}", e.file_name());
            let committed = std::fs::read(&file).unwrap();
            assert!(committed == fresh, "{file} is stale: {regenerate}");
            checked += 1;
        }
    }
    // Three shipped scenarios: summary.csv, summary.json, six charts in two
    // formats and index.md each.
    assert_eq!(checked, 3 * 15);
}
