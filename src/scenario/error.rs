//! Scenario errors that say where and what: file, line and column, the key
//! path, what is wrong and what is allowed.

use std::fmt;
use std::path::PathBuf;

/// A problem found at a key path, before it is located in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Dotted key path, e.g. `axes.training.execution` or `targets[1].year`.
    pub path: String,
    /// What is wrong, including what is allowed.
    pub message: String,
    /// An optional suggestion (closest valid key, how to fix).
    pub help: Option<String>,
}

impl Issue {
    /// An issue without help text.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Issue {
        Issue {
            path: path.into(),
            message: message.into(),
            help: None,
        }
    }

    /// Adds a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Issue {
        self.help = Some(help.into());
        self
    }
}

/// A position in a source file (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One located error message.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file the problem is in (or the flag, `--set #N`, see
    /// [`Diagnostic::flag`]).
    pub file: PathBuf,
    /// Where in the file, when the problem has a place.
    pub location: Option<Location>,
    /// The key path, when the problem concerns a key.
    pub path: Option<String>,
    /// What is wrong and what is allowed.
    pub message: String,
    /// A suggestion.
    pub help: Option<String>,
    /// The source line and the width of the marked span, for display.
    pub snippet: Option<(String, usize)>,
    /// Other places involved, e.g. the file whose `extends` inherits the
    /// value found wrong.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic about the command line's `--set` flag number `flag`
    /// (from 1): it names the flag where a file's names the file and line.
    pub fn flag(flag: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::file(format!("--set #{flag}"), message)
    }

    /// The same diagnostic with a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// A diagnostic about a whole file (unreadable, missing).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            location: None,
            path: None,
            message: message.into(),
            help: None,
            snippet: None,
            notes: Vec::new(),
        }
    }

    /// Locates `span` (byte range) of `text` in this diagnostic.
    pub fn at(mut self, text: &str, span: std::ops::Range<usize>) -> Diagnostic {
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let end = span.end.clamp(start, line_end);
        let width = text[start..end].chars().count().max(1);
        self.location = Some(Location { line, column });
        self.snippet = Some((text[line_start..line_end].trim_end().to_string(), width));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(l) = self.location {
            write!(f, ":{}:{}", l.line, l.column)?;
        }
        write!(f, ": ")?;
        if let Some(p) = &self.path {
            write!(f, "{p}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(l), Some((src, width))) = (self.location, &self.snippet) {
            let num = l.line.to_string();
            let pad = " ".repeat(num.len());
            write!(f, "\n{pad} |\n{num} | {src}\n{pad} | ")?;
            write!(f, "{}{}", " ".repeat(l.column - 1), "^".repeat(*width))?;
        }
        for n in &self.notes {
            write!(f, "\n  = note: {n}")?;
        }
        if let Some(h) = &self.help {
            write!(f, "\n  = help: {h}")?;
        }
        Ok(())
    }
}

/// Why a scenario could not be loaded: one or more located problems.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// Every problem found, in file order where possible.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for ScenarioError {
    fn from(d: Diagnostic) -> Self {
        ScenarioError {
            diagnostics: vec![d],
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if n > 1 {
            write!(f, "\n{n} problems in the scenario")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// The candidate closest to `word` (Jaro-Winkler), when it is close enough to be
/// a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// At most eight items, comma-separated, with a count of the rest.
pub fn short_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = items.collect();
    let mut s = all.iter().take(8).copied().collect::<Vec<_>>().join(", ");
    if all.len() > 8 {
        s += &format!(" and {} more", all.len() - 8);
    }
    s
}
