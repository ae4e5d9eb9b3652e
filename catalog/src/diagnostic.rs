//! Problems found in a catalog file, each with the line and column it points at.

use std::fmt;

/// A 1-based line and column in a catalog file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
}

impl Pos {
    /// A position; `line` and `column` are 1-based.
    pub const fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem in a catalog: where it is, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is; `None` when it concerns the file as a whole.
    pub pos: Option<Pos>,
    /// What is wrong, in one sentence, followed by what to do about it.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `pos`.
    pub fn at(pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
        }
    }

    /// The last problem listed when more than [`Limits::max_diagnostics`]
    /// were found: it counts the `rest` not shown.
    ///
    /// [`Limits::max_diagnostics`]: crate::Limits::max_diagnostics
    pub fn not_shown(rest: usize) -> Self {
        Diagnostic::at(
            None,
            format!(
                "... and {} more problems not shown; fixing the ones above usually removes or explains the rest: fix them and build again",
                thousands(rest)
            ),
        )
    }

    /// Renders the problem as `file:line:col: message`, the form compilers use,
    /// so editors and terminals can jump to it.
    pub fn display_with_file<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        struct WithFile<'a>(&'a Diagnostic, &'a str);
        impl fmt::Display for WithFile<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0.pos {
                    Some(pos) => write!(f, "{}:{}: {}", self.1, pos, self.0.message),
                    None => write!(f, "{}: {}", self.1, self.0.message),
                }
            }
        }
        WithFile(self, file)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(pos) => write!(f, "{}: {}", pos, self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Collects every problem found, so all of them are reported at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem at `pos`.
    pub fn error(&mut self, pos: Option<Pos>, message: impl Into<String>) {
        self.items.push(Diagnostic::at(pos, message));
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems, ordered by position so reports read top to bottom.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by_key(|d| d.pos);
        self.items
    }
}

/// `99900` as `99,900`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        let grouped: Vec<String> = [0, 999, 1_000, 99_900, 1_234_567]
            .into_iter()
            .map(thousands)
            .collect();
        assert_eq!(grouped, ["0", "999", "1,000", "99,900", "1,234,567"]);
    }
}
