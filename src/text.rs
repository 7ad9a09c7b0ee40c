//! Text formatting shared by every layer that shows something to a person: the app's log
//! entries, the ui's cells and dialogs, and the lines the commands print, with the macros
//! and the progress line they print them through. The clock's formats live with the rest
//! of the crate's time, in `time`.

use std::time::Duration;

/// `println!`, `print!`, `eprintln!` and `eprint!` that never panic. With `rekog ... | head`
/// or `2>&1 | head`, stdout and stderr become closed pipes once the reader has what it
/// wanted; a line nobody will read is no reason to stop, least of all mid-erasure (the std
/// macros panic there). SIGPIPE stays ignored, as Rust sets it: a connection the service
/// closes must never kill rekog.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout(), $($arg)*);
    }};
}

macro_rules! out {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stdout(), $($arg)*);
    }};
}

macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr(), $($arg)*);
    }};
}

macro_rules! err {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stderr(), $($arg)*);
    }};
}

pub(crate) use {errln, out, outln};

/// A line of progress on stderr. On a terminal it rewrites itself in place; in a log or a
/// pipe only its last state is written, once, by [`ProgressLine::done`], so that a cron
/// job's log holds neither `\r` nor hundreds of lines of it.
pub struct ProgressLine {
    tty: bool,
    last: Option<String>,
}

impl ProgressLine {
    pub fn new() -> ProgressLine {
        use std::io::IsTerminal;
        ProgressLine {
            tty: std::io::stderr().is_terminal(),
            last: None,
        }
    }

    pub fn show(&mut self, line: String) {
        // Stderr is unbuffered: the line is on the terminal once written.
        if self.tty {
            err!("\r{line}\x1b[K");
        }
        self.last = Some(line);
    }

    /// A line of its own above the progress: on a terminal the progress is cleared first
    /// (else the two ran together, `countedrekog: ...`) and drawn again below it.
    pub fn note(&mut self, text: &str) {
        if self.tty {
            err!("\r\x1b[K");
            errln!("{text}");
            if let Some(last) = &self.last {
                err!("{last}\x1b[K");
            }
        } else {
            errln!("{text}");
        }
    }

    /// Ends the line, so that what follows starts on its own.
    pub fn done(self) {
        match (self.tty, self.last) {
            (true, Some(_)) => errln!(),
            (false, Some(last)) => errln!("{last}"),
            (_, None) => {}
        }
    }
}

impl Default for ProgressLine {
    fn default() -> Self {
        ProgressLine::new()
    }
}

/// `12345678` -> `12,345,678`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 face`, `12,345 faces`.
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{} {noun}", thousands(n))
}

/// `1 of 1 face`, `12,000 of 250,000 faces`: the noun agrees with the total.
pub fn count_of(n: u64, total: u64, singular: &str, plural: &str) -> String {
    format!("{} of {}", thousands(n), count(total, singular, plural))
}

/// `142 ms`, `3.4 s`.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 10_000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// `about 12 s left`, `about 3 min left`: what is left of `total` at `rate` per second.
pub fn time_left(done: u64, total: u64, rate: f64) -> Option<String> {
    if rate <= 0.0 || done >= total {
        return None;
    }
    let secs = ((total - done) as f64 / rate).ceil() as u64;
    Some(match secs {
        0..=90 => format!("about {secs} s left"),
        91..=5400 => format!("about {} min left", secs.div_ceil(60)),
        _ => format!("about {} h left", secs.div_ceil(3600)),
    })
}

/// How long ago `created` (epoch seconds) was at `now_ms`: `5h`, `45d`, `7m`, `2y 3m`.
/// Days up to 99 so that recent collections compare at a glance; months (`m`, never
/// minutes) and years after.
pub fn age(created: i64, now_ms: i64) -> String {
    const DAY: i64 = 86_400;
    let secs = (now_ms / 1000 - created).max(0);
    let days = secs / DAY;
    if days == 0 {
        return format!("{}h", secs / 3600);
    }
    if days < 100 {
        return format!("{days}d");
    }
    // A month as a twelfth of the Gregorian year, so twelve of them make a year.
    let months = secs * 12 / (DAY * 365 + DAY / 4);
    match (months / 12, months % 12) {
        (0, m) => format!("{m}m"),
        (y, 0) => format!("{y}y"),
        (y, m) => format!("{y}y {m}m"),
    }
}

/// The account of an ARN: `arn:aws:rekognition:us-east-1:123456789012:collection/x`.
pub fn account_of(arn: &str) -> Option<&str> {
    let account = arn.split(':').nth(4)?;
    (!account.is_empty()).then_some(account)
}

/// Replaces control characters (newlines, escapes) that a service message might carry, so
/// they cannot move the cursor or break a line of the screen.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The ASCII stand-in for a symbol rekog draws (borders, markers, arrows, ellipsis, bars),
/// or `None` for any other character.
pub fn ascii_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '─' | '━' | '═' | '╌' | '┄' => "-",
        '│' | '┃' | '║' | '╎' | '┆' | '▏' | '▎' | '▕' => "|",
        '\u{2500}'..='\u{257f}' => "+",
        '▶' | '►' | '→' | '▸' => ">",
        '◀' | '←' | '◂' | '⌫' => "<",
        '↑' | '▲' | '▴' => "^",
        '↓' | '▼' | '▾' => "v",
        '●' | '•' | '◉' | '∙' => "*",
        '·' | '–' => "-",
        '—' => "--",
        '…' => "...",
        '⚠' => "!",
        '✓' | '✔' => "+",
        '✗' | '✘' | '×' => "x",
        '█' | '▇' | '▆' => "#",
        '░' | '▒' | '▓' => ".",
        '“' | '”' | '„' => "\"",
        '‘' | '’' => "'",
        '🔒' => "#",
        _ => return None,
    })
}

/// `text` in ASCII: rekog's own symbols by their stand-ins, anything else outside ASCII
/// (data: a tag, a service message) escaped as `\u{e9}`, so nothing is lost or garbled.
pub fn to_ascii(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(stand_in) = ascii_symbol(c) {
            out.push_str(stand_in);
        } else {
            out.push_str(&escape_char(c));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with everything outside ASCII escaped, symbols included: for data, where a `·`
/// is a character of the value and not a separator.
pub fn escape_non_ascii(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&escape_char(c));
        }
    }
    std::borrow::Cow::Owned(out)
}

fn escape_char(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// Columns a character takes. Anything outside ASCII is counted as two, so a wrapped line
/// never overflows its pane (at worst a line with wide text wraps a little early).
fn char_width(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// Columns a string takes, by the same rule as [`wrap`].
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The longest start of `text` within `width` characters that does not end inside a run of
/// digits: where a cut may fall without showing part of an account id.
pub fn head(text: &str, width: usize) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let Some(&(cut, next)) = chars.get(width) else {
        return text;
    };
    if !next.is_ascii_digit() {
        return &text[..cut];
    }
    let start = chars[..width]
        .iter()
        .rev()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(0, |&(at, c)| at + c.len_utf8());
    &text[..start]
}

/// The longest end of `text` within `width` characters that does not start inside a run of
/// digits: [`head`] from the other side.
pub fn tail(text: &str, width: usize) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let Some(first) = chars.len().checked_sub(width).filter(|&n| n > 0) else {
        return text;
    };
    let (start, c) = chars[first];
    if !chars[first - 1].1.is_ascii_digit() || !c.is_ascii_digit() {
        return &text[start..];
    }
    let end = chars[first..]
        .iter()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(text.len(), |&(at, _)| at);
    &text[end..]
}

/// Units a number and its unit are not split before: a line ending `· 14` over one that
/// starts `ms` reads as two things.
const UNITS: [&str; 5] = ["ms", "s", "KiB", "MiB", "GiB"];

/// The words of `text`, a number and the unit after it taken as one: slices of `text`, as
/// the log pane wraps its entries on every draw.
fn words(text: &str) -> Vec<&str> {
    let mut words: Vec<&str> = Vec::new();
    // Where the last word kept starts in `text`, to widen it over a unit.
    let mut last_start = 0;
    let mut at = 0;
    // A newline (a multi-line error's, such as ConnectError's hints) separates as a space
    // does: kept inside a word, it drew as nothing and ran two sentences together.
    for word in text.split([' ', '\n']) {
        let end = at + word.len();
        match words.last_mut() {
            Some(last) if UNITS.contains(&word) && last.ends_with(|c: char| c.is_ascii_digit()) => {
                *last = &text[last_start..end];
            }
            _ => {
                last_start = at;
                words.push(word);
            }
        }
        at = end + 1;
    }
    words
}

/// Splits `text` into lines of at most `width` columns, breaking at spaces where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        let w = self::width(word);
        let sep = usize::from(!line.is_empty());
        if used + sep + w <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += sep + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= width {
            line.push_str(word);
            used = w;
            continue;
        }
        // A path or an ARN longer than the line breaks after a `/` where it can, so that
        // each line holds whole directories (`.../inventories/` over `inventory-....csv`).
        for piece in word.split_inclusive('/') {
            let pw = self::width(piece);
            if used + pw > width && pw <= width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            cut(piece, width, &mut lines, &mut line, &mut used);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Puts `word` on `line`, starting a new line wherever the width ends: a word longer than
/// the line is cut wherever it must be, but not inside a run of digits that fits on a line
/// of its own (an account id split over two lines would show whole on neither, and
/// `--mask` could not tell it for one).
fn cut(word: &str, width: usize, lines: &mut Vec<String>, line: &mut String, used: &mut usize) {
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if *used + run > width && run <= width && !line.is_empty() {
                lines.push(std::mem::take(line));
                *used = 0;
            }
        }
        let cw = char_width(c);
        if *used + cw > width && !line.is_empty() {
            lines.push(std::mem::take(line));
            *used = 0;
        }
        line.push(c);
        *used += cw;
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[test]
    fn a_count_of_a_total_agrees_with_the_total() {
        assert_eq!(count_of(1, 1, "face", "faces"), "1 of 1 face");
        assert_eq!(count_of(0, 1, "face", "faces"), "0 of 1 face");
        assert_eq!(count_of(1, 2, "face", "faces"), "1 of 2 faces");
        assert_eq!(
            count_of(12_000, 250_000, "face", "faces"),
            "12,000 of 250,000 faces"
        );
    }

    #[test]
    fn ascii_keeps_symbols_readable_and_escapes_data() {
        assert_eq!(to_ascii("a · b … ↑/↓ ─│┌ ▶ ● ⚠"), "a - b ... ^/v -|+ > * !");
        assert_eq!(to_ascii("tag café"), "tag caf\\u{e9}");
        assert_eq!(escape_non_ascii("a·b"), "a\\u{b7}b");
        assert!(to_ascii("plain").is_ascii());
        assert!(to_ascii("日本 🔒 ✓ “x”").is_ascii());
    }

    const DAY: i64 = 86_400;

    #[rstest]
    #[case(0, "0h")]
    #[case(5 * 3600 + 59, "5h")]
    #[case(DAY, "1d")]
    #[case(45 * DAY, "45d")]
    #[case(99 * DAY, "99d")]
    #[case(100 * DAY, "3m")]
    #[case(365 * DAY, "11m")]
    #[case(366 * DAY, "1y")]
    #[case(2 * 365 * DAY + 95 * DAY, "2y 3m")]
    #[case(-3600, "0h")]
    fn ages(#[case] ago: i64, #[case] expected: &str) {
        let now_secs = 1_800_000_000;
        assert_eq!(age(now_secs - ago, now_secs * 1000), expected);
    }

    #[rstest]
    #[case(0, "0")]
    #[case(999, "999")]
    #[case(1000, "1,000")]
    #[case(20_000_000, "20,000,000")]
    #[case(u64::MAX, "18,446,744,073,709,551,615")]
    fn thousands_groups_digits(#[case] n: u64, #[case] want: &str) {
        assert_eq!(thousands(n), want);
    }

    #[rstest]
    #[case(
        "arn:aws:rekognition:us-east-1:123456789012:collection/x",
        Some("123456789012")
    )]
    #[case("arn:aws:rekognition:us-east-1::collection/x", None)]
    #[case("nonsense", None)]
    fn account_from_arn(#[case] arn: &str, #[case] want: Option<&str>) {
        assert_eq!(account_of(arn), want);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert!(wrap("héllo wörld", 6).iter().all(|l| width(l) <= 6));
        assert_eq!(
            wrap("insufficient permissions.\nName a profile", 80),
            ["insufficient permissions. Name a profile"]
        );
    }

    #[rstest]
    #[case("abc", 5, "abc")]
    #[case("abcdef", 3, "abc")]
    #[case("ab1234", 4, "ab")]
    #[case("ab1234", 6, "ab1234")]
    #[case("ab12:x", 4, "ab12")]
    #[case("1234", 2, "")]
    #[case("é1é2", 3, "é1é")]
    fn heads_end_outside_digits(#[case] text: &str, #[case] width: usize, #[case] want: &str) {
        assert_eq!(head(text, width), want);
    }

    #[rstest]
    #[case("abc", 5, "abc")]
    #[case("abcdef", 3, "def")]
    #[case("1234ab", 4, "ab")]
    #[case("1234ab", 6, "1234ab")]
    #[case("x:12ab", 4, "12ab")]
    #[case("1234", 2, "")]
    #[case("1é2é", 3, "é2é")]
    fn tails_start_outside_digits(#[case] text: &str, #[case] width: usize, #[case] want: &str) {
        assert_eq!(tail(text, width), want);
    }

    #[test]
    fn wrap_keeps_a_run_of_digits_whole_when_it_fits_a_line() {
        let arn = "arn:aws:iam::123456789012:role/Admin";
        assert_eq!(
            wrap(arn, 20),
            ["arn:aws:iam::", "123456789012:role/", "Admin"]
        );
        // Longer than a line: cut where it must be.
        assert_eq!(wrap("x1234567", 4), ["x123", "4567"]);
    }

    #[test]
    fn wrap_breaks_a_long_path_after_a_slash() {
        let path = "/home/op/.local/share/rekog/inventories/inventory-20261207T061955Z.csv";
        assert_eq!(
            wrap(&format!("inventory written: {path} (35 records)"), 44),
            [
                "inventory written:",
                "/home/op/.local/share/rekog/inventories/",
                "inventory-20261207T061955Z.csv (35 records)"
            ]
        );
        // A part longer than the line is cut where it must be, filling the line it joins.
        assert_eq!(wrap("/a/bcdefghij/k", 5), ["/a/bc", "defgh", "ij/k"]);
        assert!(wrap(path, 12).iter().all(|l| width(l) <= 12));
    }

    #[test]
    fn wrap_keeps_a_number_with_its_unit() {
        assert_eq!(
            wrap("request 4c9d9fc3 · 14 ms", 19),
            ["request 4c9d9fc3 ·", "14 ms"]
        );
        assert_eq!(wrap("took 1.2 s in all", 9), ["took", "1.2 s in", "all"]);
        // Only after a number: a word `s` elsewhere breaks as any word.
        assert_eq!(wrap("its s here", 5), ["its s", "here"]);
        assert_eq!(wrap("ab12", 3), ["ab", "12"]);
    }

    #[test]
    fn sanitize_removes_control_characters() {
        assert_eq!(sanitize("a\nb\x1b[2Jc"), "a b [2Jc");
    }
}
