//! Reading a source file for the crate paths it names: its `use` trees and inline
//! `crate::`, `super::` and `self::` paths, with comments, literals and `#[cfg(test)]` items
//! left out.

use super::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    text: String,
    line: usize,
}

/// Identifiers, `::` and single punctuation, with comments and literals left out.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut out) = (0, 1, Vec::new());
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    // Skips to `end` (inclusive), counting lines, honouring backslash escapes when asked.
    let skip = |i: &mut usize, line: &mut usize, end: &str, escapes: bool| {
        while *i < chars.len() {
            if chars[*i..].starts_with(&end.chars().collect::<Vec<_>>()) {
                *i += end.chars().count();
                return;
            }
            if chars[*i] == '\n' {
                *line += 1;
            }
            *i += if escapes && chars[*i] == '\\' { 2 } else { 1 };
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if !prev_ident && (c == 'r' || (c == 'b' && at(i + 1) == 'r')) && {
            let start = i + if c == 'b' { 2 } else { 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            at(start + hashes) == '"'
        } {
            let start = i + if c == 'b' { 2 } else { 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            let (first, end) = (line, format!("\"{}", "#".repeat(hashes)));
            i = start + hashes + 1;
            let content = i;
            skip(&mut i, &mut line, &end, false);
            out.push(string(
                &chars[content..i.saturating_sub(end.len()).max(content)],
                first,
            ));
        } else if c == '"' || (c == 'b' && !prev_ident && at(i + 1) == '"') {
            let first = line;
            i += if c == 'b' { 2 } else { 1 };
            let content = i;
            skip(&mut i, &mut line, "\"", true);
            out.push(string(
                &chars[content..i.saturating_sub(1).max(content)],
                first,
            ));
        } else if c == '\'' && (at(i + 1) == '\\' || at(i + 2) == '\'') {
            // A char literal; a lifetime (`'a`) has no closing quote two places on.
            i += 1;
            skip(&mut i, &mut line, "'", true);
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token { text, line });
        } else if c == ':' && at(i + 1) == ':' {
            out.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    drop_test_items(out)
}

/// A string literal is one token, `"` and its text, which no path can start with.
fn string(content: &[char], line: usize) -> Token {
    let text = std::iter::once('"')
        .chain(content.iter().copied())
        .collect();
    Token { text, line }
}

/// Leaves out each item under `#[cfg(test)]` (a `mod tests { ... }`, a `use`), keeping a
/// `mod name;` declaration as `#test mod name` for [`test_modules`], with its `#[path]`.
fn drop_test_items(tokens: Vec<Token>) -> Vec<Token> {
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let is = |i: usize, seq: &[&str]| seq.iter().enumerate().all(|(k, s)| text(i + k) == *s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is(i, &["#", "[", "cfg", "(", "test", ")", "]"]) {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        i += 7;
        let mut path_attr = None;
        while is(i, &["#", "["]) {
            if is(i + 2, &["path"]) {
                path_attr = text(i + 4).strip_prefix('"').map(str::to_owned);
            }
            while i < tokens.len() && text(i) != "]" {
                i += 1;
            }
            i += 1;
        }
        let start = i;
        let mut depth = 0;
        while i < tokens.len() {
            match text(i) {
                "{" => depth += 1,
                "}" => depth -= 1,
                ";" if depth == 0 => break,
                _ => {}
            }
            i += 1;
            if depth == 0 && text(i - 1) == "}" {
                break;
            }
        }
        let item: Vec<&str> = (start..i).map(text).collect();
        if let Some(k) = item.iter().position(|t| *t == "mod")
            && text(i) == ";"
        {
            let line = tokens[start].line;
            let name = path_attr.unwrap_or_else(|| format!("{}/", item[k + 1]));
            out.push(Token {
                text: format!("#test mod {name}"),
                line,
            });
        }
    }
    out
}

/// The files of the `#[cfg(test)]` modules `file` declares: `dir/name.rs` and `dir/name/`.
pub(super) fn test_modules(file: &str, tokens: &[Token]) -> Vec<String> {
    let dir = match file.rsplit_once('/') {
        Some((dir, "lib.rs" | "main.rs")) => dir.to_owned(),
        Some(_) => file.strip_suffix(".rs").unwrap_or(file).to_owned(),
        None => String::new(),
    };
    let here = file.rsplit_once('/').map_or("", |(d, _)| d);
    let mut out = Vec::new();
    for t in tokens {
        let Some(name) = t.text.strip_prefix("#test mod ") else {
            continue;
        };
        match name.strip_suffix('/') {
            Some(module) => {
                out.push(format!("{dir}/{module}.rs"));
                out.push(format!("{dir}/{module}/"));
            }
            // `#[path]`, relative to the declaring file's directory.
            None => out.push(format!("{here}/{name}")),
        }
    }
    out
}

/// Every crate path the file names, resolved against its module, with its line.
pub(super) fn imports(module: &[String], tokens: &[Token]) -> Vec<(usize, Path)> {
    let mut raw: Vec<(usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i].text;
        let prev = if i > 0 {
            tokens[i - 1].text.as_str()
        } else {
            ""
        };
        if t == "use" {
            i += 1;
            use_tree(tokens, &mut i, Vec::new(), &mut raw);
            continue;
        }
        let starts_path = matches!(t.as_str(), "crate" | "super" | "self")
            && tokens.get(i + 1).is_some_and(|n| n.text == "::")
            && !matches!(prev, "::" | "$" | "in");
        if starts_path {
            let mut segs = vec![t.clone()];
            i += 1;
            while tokens.get(i).is_some_and(|n| n.text == "::")
                && let Some(next) = tokens.get(i + 1).filter(|n| is_ident(&n.text))
            {
                segs.push(next.text.clone());
                i += 2;
            }
            raw.push((tokens[i - 1].line, segs));
            continue;
        }
        i += 1;
    }
    raw.into_iter()
        .filter_map(|(line, segs)| resolve(module, &segs).map(|p| (line, p)))
        .collect()
}

fn is_ident(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// One `use` tree from `tokens[*i]`: each leaf path, with the line of its last segment.
fn use_tree(
    tokens: &[Token],
    i: &mut usize,
    mut prefix: Vec<String>,
    out: &mut Vec<(usize, Vec<String>)>,
) {
    let text = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let mut line = tokens.get(*i).map_or(0, |t| t.line);
    loop {
        match text(*i) {
            "::" => *i += 1,
            "{" => {
                *i += 1;
                while !matches!(text(*i), "}" | "") {
                    use_tree(tokens, i, prefix.clone(), out);
                    if text(*i) == "," {
                        *i += 1;
                    }
                }
                *i += 1;
                return;
            }
            "*" => {
                *i += 1;
                out.push((line, prefix));
                return;
            }
            t if is_ident(t) => {
                prefix.push(t.to_owned());
                line = tokens[*i].line;
                *i += 1;
                if text(*i) == "::" {
                    continue;
                }
                if text(*i) == "as" {
                    *i += 2;
                }
                out.push((line, prefix));
                return;
            }
            _ => return,
        }
    }
}

/// `crate::a` is `a`; `super::` and `self::` are taken from `module`; anything else (a
/// dependency, the standard library) is not a crate path.
pub(super) fn resolve(module: &[String], segs: &[String]) -> Option<Path> {
    let (first, rest) = segs.split_first()?;
    let mut base: Path = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => module[..module.len().checked_sub(1)?].to_vec(),
        _ => return None,
    };
    let mut rest = rest;
    while let Some(("super", tail)) = rest.split_first().map(|(h, t)| (h.as_str(), t)) {
        base.pop()?;
        rest = tail;
    }
    base.extend(rest.iter().cloned());
    if base.last().is_some_and(|s| s == "self") {
        base.pop();
    }
    Some(base)
}
