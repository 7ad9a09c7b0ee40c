//! Protection rules: shell-style globs over collection IDs (`prod-*`, `team-?`, `[ab]-x`).
//! A protected collection is never deleted, whatever is typed in the dialog.

use std::fmt;

/// A glob that does not parse, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobError {
    pub pattern: String,
    pub problem: &'static str,
}

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad protect pattern {:?}: {}",
            self.pattern, self.problem
        )
    }
}

impl std::error::Error for GlobError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Char(char),
    Any,
    Star,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Token {
    fn matches(&self, c: char) -> bool {
        match self {
            Token::Char(t) => *t == c,
            Token::Any => true,
            Token::Star => false,
            Token::Class { negated, ranges } => {
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
            }
        }
    }
}

/// A compiled glob. `*` matches any run of characters, `?` one character, `[a-z0-9]` one
/// of a class and `[!x]` (or `[^x]`) one outside it; a `]` first in a class is literal.
/// Matching is case-sensitive, as collection IDs are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    source: String,
    tokens: Vec<Token>,
}

impl Glob {
    pub fn new(pattern: &str) -> Result<Glob, GlobError> {
        let err = |problem| GlobError {
            pattern: pattern.to_owned(),
            problem,
        };
        if pattern.is_empty() {
            return Err(err("it is empty"));
        }
        let mut tokens = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            let token = match c {
                '*' => Token::Star,
                '?' => Token::Any,
                '[' => {
                    let negated = chars.next_if(|&c| c == '!' || c == '^').is_some();
                    let mut ranges = Vec::new();
                    let mut first = true;
                    loop {
                        let lo = match chars.next() {
                            None => return Err(err("a `[` is never closed")),
                            Some(']') if !first => break,
                            Some(c) => c,
                        };
                        first = false;
                        // `-` before `]` is a literal dash, read on the next turn.
                        let mut ahead = chars.clone();
                        let hi = match (ahead.next(), ahead.next()) {
                            (Some('-'), Some(hi)) if hi != ']' => {
                                chars.next();
                                chars.next();
                                hi
                            }
                            _ => lo,
                        };
                        if hi < lo {
                            return Err(err("a range in `[...]` runs backwards"));
                        }
                        ranges.push((lo, hi));
                    }
                    Token::Class { negated, ranges }
                }
                c => Token::Char(c),
            };
            // Consecutive stars mean the same as one and would only cost backtracking.
            if !(token == Token::Star && tokens.last() == Some(&Token::Star)) {
                tokens.push(token);
            }
        }
        Ok(Glob {
            source: pattern.to_owned(),
            tokens,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whole-string match. Linear backtracking on the last star keeps it O(n·m) at worst.
    pub fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        let (mut t, mut p) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while t < text.len() {
            match self.tokens.get(p) {
                Some(Token::Star) => {
                    star = Some((p, t));
                    p += 1;
                }
                Some(tok) if tok.matches(text[t]) => {
                    t += 1;
                    p += 1;
                }
                _ => match star {
                    // Let the last star swallow one more character and retry after it.
                    Some((sp, st)) => {
                        star = Some((sp, st + 1));
                        p = sp + 1;
                        t = st + 1;
                    }
                    None => return false,
                },
            }
        }
        self.tokens[p..].iter().all(|tok| *tok == Token::Star)
    }
}

/// A set of protect rules, compiled once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Protect {
    globs: Vec<Glob>,
}

impl Protect {
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Protect, GlobError> {
        let globs = patterns
            .iter()
            .map(|p| Glob::new(p.as_ref()))
            .collect::<Result<_, _>>()?;
        Ok(Protect { globs })
    }

    /// The first rule that protects `id`, to show the operator why a delete is refused.
    pub fn matching_rule(&self, id: &str) -> Option<&str> {
        self.globs.iter().find(|g| g.matches(id)).map(Glob::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }
}

/// The first of `patterns` that protects `id`. A pattern that does not parse protects
/// nothing here; patterns are checked where they come in (config file, `--protect`).
pub fn matching_rule<'a, S: AsRef<str>>(patterns: &'a [S], id: &str) -> Option<&'a str> {
    patterns
        .iter()
        .map(AsRef::as_ref)
        .find(|p| Glob::new(p).is_ok_and(|g| g.matches(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, text: &str) -> bool {
        Glob::new(pattern).map(|g| g.matches(text)).unwrap()
    }

    #[test]
    fn literals_and_stars() {
        assert!(m("prod-*", "prod-faces"));
        assert!(m("prod-*", "prod-"));
        assert!(!m("prod-*", "preprod-faces"));
        assert!(!m("prod-*", "Prod-faces"), "case-sensitive");
        assert!(m("*-prod", "eu-prod"));
        assert!(m("*prod*", "my.prod.v2"));
        assert!(!m("*prod*", "my.prd.v2"));
        assert!(m("a*b*c", "a-b-b-c"));
        assert!(!m("a*b*c", "a-b-b-"));
        assert!(m("**", ""));
        assert!(m("exact", "exact"));
        assert!(!m("exact", "exactly"));
        assert!(!m("exact", "exac"));
    }

    #[test]
    fn question_marks() {
        assert!(m("team-?", "team-a"));
        assert!(!m("team-?", "team-"));
        assert!(!m("team-?", "team-ab"));
        assert!(m("??", "é1"), "a character, not a byte");
    }

    #[test]
    fn classes() {
        assert!(m("[ab]-x", "a-x"));
        assert!(!m("[ab]-x", "c-x"));
        assert!(m("v[0-9]", "v7"));
        assert!(!m("v[0-9]", "vx"));
        assert!(m("v[!0-9]", "vx"));
        assert!(!m("v[^0-9]", "v3"));
        assert!(m("[]]", "]"), "a leading ] is literal");
        assert!(m("[a-]", "-"), "a trailing - is literal");
        assert!(m("[a-]", "a"));
        assert!(m("[._-]x", "_x"));
        assert!(m("prod-[a-z]*", "prod-eu1"));
        assert!(!m("prod-[a-z]*", "prod-1eu"));
    }

    #[test]
    fn bad_patterns_are_refused_with_a_reason() {
        for (pattern, problem) in [
            ("", "it is empty"),
            ("prod-[ab", "a `[` is never closed"),
            ("[", "a `[` is never closed"),
            ("[z-a]", "a range in `[...]` runs backwards"),
        ] {
            let err = Glob::new(pattern).unwrap_err();
            assert_eq!(err.problem, problem, "{pattern:?}");
            assert!(err.to_string().contains(&format!("{pattern:?}")));
        }
    }

    #[test]
    fn long_inputs_do_not_blow_up() {
        let id = "a".repeat(255);
        assert!(!m("*a*a*a*a*a*a*b", &id));
        assert!(m("*a*a*a*a*a*a*a", &id));
    }

    #[test]
    fn matching_rule_names_the_first_rule_that_matches() {
        let rules = ["staging-*", "prod-*", "*-keep"];
        assert_eq!(matching_rule(&rules, "prod-keep"), Some("prod-*"));
        assert_eq!(matching_rule(&rules, "dev-keep"), Some("*-keep"));
        assert_eq!(matching_rule(&rules, "dev-scratch"), None);
        assert_eq!(matching_rule(&["[bad", "dev-*"], "dev-1"), Some("dev-*"));

        let set = Protect::new(&rules).unwrap();
        assert_eq!(set.matching_rule("staging-1"), Some("staging-*"));
        assert_eq!(set.matching_rule("nothing"), None);
        assert!(Protect::new(&["ok-*", "[bad"]).is_err());
        assert!(Protect::new::<&str>(&[]).unwrap().is_empty());
    }
}
