//! Scenario text is data, not markup: every title, label, description, unit
//! and file name a scenario brings into a markdown page goes through here.
//!
//! HTML is neutralised (`<` and `&` become entities, so `<script>` or
//! `<img onerror>` show as text), the characters that start markdown
//! emphasis, code, links or tables are backslash-escaped, control characters
//! become spaces, and one-line text stays on one line.

/// `text` as one line of markdown that shows exactly these characters.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // A line that starts like a heading, quote or list would become one.
    match out.chars().next() {
        Some('#' | '>' | '-' | '+' | '=') => format!("\\{out}"),
        _ => out,
    }
}

/// Paragraphs of text (a description): each line escaped like [`inline`],
/// blank lines kept as paragraph breaks.
pub fn paragraphs(text: &str) -> String {
    text.lines()
        .map(|l| inline(l.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_shows_as_text() {
        assert_eq!(
            inline("<script>alert(1)</script> & *x* | `y`"),
            "&lt;script>alert(1)&lt;/script> &amp; \\*x\\* \\| \\`y\\`"
        );
        assert_eq!(inline("# not a heading\nline"), "\\# not a heading line");
        assert_eq!(
            inline("Santé (France 2030), 650 M EUR"),
            "Santé (France 2030), 650 M EUR"
        );
        assert_eq!(paragraphs("a\n\n> b"), "a\n\n\\> b");
    }
}
