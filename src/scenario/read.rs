//! Reading a scenario file's text safely: only regular files, at most
//! [`MAX_FILE_BYTES`], UTF-8 (a byte-order mark is allowed), and, for an
//! `extends` parent, only `.toml` files. Anything else is refused before a
//! byte is read, so a named pipe cannot block and a device cannot fill memory.

use std::io::Read;
use std::path::Path;

/// Largest scenario file accepted: 16 MiB (the shipped scenarios are under
/// 20 KiB).
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The text of the scenario file `path`, or why it cannot be read (a full
/// sentence naming the file). `parent` is true for a file named by `extends`.
pub fn read_text(path: &Path, parent: bool) -> Result<String, String> {
    let cannot = |why: String| {
        Err(format!(
            "cannot read scenario file {}: {why}",
            path.display()
        ))
    };
    if parent && path.extension().is_none_or(|e| e != "toml") {
        return cannot("`extends` must name a scenario file, ending in .toml".into());
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return cannot(e.to_string()),
    };
    if meta.is_dir() {
        return cannot("this is a folder, not a file".into());
    }
    if !meta.is_file() {
        return cannot("this is not a regular file (a pipe, socket or device)".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return cannot(format!(
            "the file is {} bytes, above the limit of {} MiB for a scenario file",
            meta.len(),
            MAX_FILE_BYTES >> 20
        ));
    }
    let mut bytes = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return cannot(e.to_string());
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return cannot(format!(
            "the file grew above the limit of {} MiB for a scenario file",
            MAX_FILE_BYTES >> 20
        ));
    }
    decode(bytes).or_else(cannot)
}

/// UTF-8 text, without a leading byte-order mark.
fn decode(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if is_utf16(&bytes) {
        return Err("the file is encoded in UTF-16; save it as UTF-8".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        format!(
            "the file is not valid UTF-8 at line {line}, column {}; save it as UTF-8",
            at - line_start + 1
        )
    })
}

/// A UTF-16 byte-order mark, or the zero bytes that UTF-16 puts beside ASCII.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && head.iter().filter(|b| **b == 0).count() * 3 >= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_bom() {
        let utf16: Vec<u8> = "\u{feff}[scenario]"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(utf16).unwrap_err().contains("UTF-16"));
        let bom = b"\xEF\xBB\xBFa = 1".to_vec();
        assert_eq!(decode(bom).unwrap(), "a = 1");
        let bad = b"a = 1\nb = \"\xFF\"".to_vec();
        assert_eq!(
            decode(bad).unwrap_err(),
            "the file is not valid UTF-8 at line 2, column 6; save it as UTF-8"
        );
    }
}
