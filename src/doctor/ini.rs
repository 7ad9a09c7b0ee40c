//! The AWS config and credentials files checked line by line by the rules of the SDK's own
//! parser: a file it cannot parse makes every profile in it unusable, and the SDK's error
//! only surfaces later, as missing credentials. rekog's `aws::profiles` reader is lenient
//! on purpose (the picker shows what it can), so the strict reading lives here.

/// One line the SDK would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based.
    pub line: usize,
    pub what: &'static str,
}

/// What reading a file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    pub problems: Vec<Problem>,
    /// How many `[...]` sections it has.
    pub sections: usize,
}

/// Reads `text` as the SDK would, keeping every problem rather than stopping at the first.
pub fn read(text: &str) -> Read {
    let mut out = Read::default();
    let mut in_section = false;
    // A property has been read in this section, so an indented line continues it.
    let mut property = false;
    for (index, line) in text.lines().enumerate() {
        let mut problem = |what| {
            out.problems.push(Problem {
                line: index + 1,
                what,
            })
        };
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') {
            let header = line.split(['#', ';']).next().unwrap_or("").trim();
            if header.ends_with(']') {
                out.sections += 1;
                in_section = true;
                property = false;
            } else {
                problem("a section header must end with ']'");
            }
        } else if line.starts_with(char::is_whitespace) {
            if !in_section {
                problem("an indented line before any [section]");
            } else if !property {
                problem("an indented line that continues no property");
            }
        } else if !in_section {
            problem("a setting before any [section]");
        } else {
            let setting = without_comment(line);
            match setting.split_once('=') {
                None => problem("no '=' in this setting"),
                Some((key, _)) if key.trim().is_empty() => problem("a setting with no name"),
                Some(_) => property = true,
            }
        }
    }
    out
}

/// A property line without a trailing comment: `#` or `;` after whitespace.
fn without_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let cut = (1..bytes.len())
        .find(|&i| matches!(bytes[i], b'#' | b';') && bytes[i - 1].is_ascii_whitespace());
    cut.map_or(line, |i| &line[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_files_have_no_problems() {
        let text = "# comment\n[default]\nregion = eu-west-1 ; trailing\n\n\
                    [profile x]\ns3 =\n  max_concurrent_requests = 2\n[services s]\n\
                    rekognition =\n  endpoint_url = http://127.0.0.1:1\n";
        assert_eq!(
            read(text),
            Read {
                problems: vec![],
                sections: 3
            }
        );
    }

    #[test]
    fn each_problem_is_named_with_its_line() {
        let text = "region = x\n[default\n[ok]\nno equals here\n= value\n[next]\n  indented\n";
        let lines: Vec<usize> = read(text).problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 2, 4, 5, 7]);
        assert_eq!(
            read(text).problems[1].what,
            "a section header must end with ']'"
        );
    }
}
