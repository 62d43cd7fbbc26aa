//! The committed reports under `reports/` are what the shipped scenarios
//! produce with their own settings, byte for byte. Regenerate a stale one with
//! `cargo run --release -- run scenarios/<file>.toml`.

use esante::Scenario;
use esante::engine::{self, Silent};
use esante::report::{Run, summary_exports};

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
        for e in summary_exports() {
            let mut fresh = Vec::new();
            e.write(&run, &mut fresh).unwrap();
            let file = format!("reports/{}/{}", s.name, e.file_name());
            let committed = std::fs::read(&file).unwrap_or_else(|_| panic!("{file} is missing"));
            assert!(
                committed == fresh,
                "{file} is stale: regenerate it with `cargo run --release -- run {}`",
                path.display()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "three shipped scenarios, two files each");
}
