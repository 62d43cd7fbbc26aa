//! The comparison and sensitivity commands write their charts byte for byte
//! identically on any thread count. (The charts' own checks are unit tests of
//! the crate, in `src/report/chart/tests.rs`.)

#[test]
fn commands_write_the_charts_byte_identically_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], out: &str| {
        assert_cmd::Command::cargo_bin("esante")
            .unwrap()
            .args(args)
            .arg("--out")
            .arg(dir.path().join(out))
            .assert()
            .success();
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path().join(out))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let cmp = |t: &str| {
        run(
            &[
                "compare",
                "scenarios/no-program.toml",
                "scenarios/acceleration-2021.toml",
                "--draws",
                "700",
                "--quiet",
                "--format",
                "svg,png",
                "--threads",
                t,
            ],
            &format!("c{t}"),
        )
    };
    let one = cmp("1");
    assert!(
        one.iter()
            .any(|(n, _)| n == "difference-acceleration-2021.png")
    );
    assert_eq!(one, cmp("3"));
    let sens = |t: &str| {
        run(
            &[
                "sensitivity",
                "scenarios/acceleration-2021.toml",
                "--draws",
                "300",
                "--resamples",
                "20",
                "--quiet",
                "--format",
                "png",
                "--threads",
                t,
            ],
            &format!("s{t}"),
        )
    };
    let one = sens("1");
    let names: Vec<&str> = one.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"sobol-heatmap.png") && !names.contains(&"sobol-heatmap.svg"));
    assert_eq!(one, sens("3"));
}
