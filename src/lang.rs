//! The languages of the reports, by ISO 639-1 code: what `--lang` and a
//! scenario's `[report] lang` name. Their words and number formats are
//! [`crate::report::text`]'s locales ([`Lang::locale`]).

/// A language of the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English (the committed reports).
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every language, in the order messages list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// Its ISO 639-1 code, as `--lang` and `[report] lang` name it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language of an ISO 639-1 code (`en`, `fr`).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The codes of every language, quoted and comma-separated, for
    /// messages: `"en", "fr"`.
    pub fn allowed() -> String {
        let codes: Vec<String> = Lang::ALL
            .iter()
            .map(|l| format!("\"{}\"", l.code()))
            .collect();
        codes.join(", ")
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
