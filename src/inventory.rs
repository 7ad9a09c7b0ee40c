//! The inventory: one record per collection of every account and region reached, for
//! records of processing and DPIAs. `gather` walks the (account, region) pairs, `cli` is
//! `rekog inventory`; the TUI's fleet view writes the same records.

pub mod cli;
pub mod gather;

use std::io::Write;
use std::path::Path;

use serde::Serialize;

/// One collection, or one (account, region) that did not answer (its `status` says why
/// and its collection fields are empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    pub account: String,
    pub account_name: Option<String>,
    pub profile: Option<String>,
    pub region: String,
    pub collection_id: Option<String>,
    pub arn: Option<String>,
    pub faces: Option<u64>,
    pub users: Option<u64>,
    pub face_model_version: Option<String>,
    /// RFC 3339, UTC.
    pub created: Option<String>,
    pub age_days: Option<i64>,
    pub tags: std::collections::BTreeMap<String, String>,
    /// `ok`, or why the pair did not answer (`denied: rekognition:ListCollections`, ...).
    pub status: String,
}

impl Record {
    pub fn answered(&self) -> bool {
        self.status == "ok"
    }
}

/// How the records are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Csv,
    Json,
    Jsonl,
}

const COLUMNS: &[&str] = &[
    "account",
    "account_name",
    "profile",
    "region",
    "collection_id",
    "arn",
    "faces",
    "users",
    "face_model_version",
    "created",
    "age_days",
    "tags",
    "status",
];

/// Writes `records` in `format` to `out`.
pub fn write(records: &[Record], format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Csv => {
            writeln!(out, "{}", COLUMNS.join(","))?;
            for r in records {
                writeln!(out, "{}", csv_row(r))?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, records)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for r in records {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

/// Writes the records to a new file at `path` that only its owner may read: it names
/// where face data is held.
pub fn write_file(records: &[Record], format: Format, path: &Path) -> std::io::Result<()> {
    // Made before the file is opened, so that a failure leaves an older file as it was.
    let mut buffer = Vec::new();
    write(records, format, &mut buffer)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::paths::create_private_dirs(dir)?;
    }
    crate::paths::write_private(path, &buffer)
}

/// `key=value`, with what would make the column ambiguous percent-encoded: AWS allows `=`
/// in a key, and a key or value with `;` (which the emulator lets through) would split the
/// pair. A value's own `=` is left, since a reader splits at the first.
fn tag_pair(key: &str, value: &str) -> String {
    fn escaped(text: &str, special: &[char]) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '%' || special.contains(&c) {
                out.push_str(&format!("%{:02X}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
        out
    }
    format!("{}={}", escaped(key, &['=', ';']), escaped(value, &[';']))
}

fn csv_row(r: &Record) -> String {
    let tags: Vec<String> = r.tags.iter().map(|(k, v)| tag_pair(k, v)).collect();
    let num = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    let fields = [
        r.account.clone(),
        r.account_name.clone().unwrap_or_default(),
        r.profile.clone().unwrap_or_default(),
        r.region.clone(),
        r.collection_id.clone().unwrap_or_default(),
        r.arn.clone().unwrap_or_default(),
        num(r.faces),
        num(r.users),
        r.face_model_version.clone().unwrap_or_default(),
        r.created.clone().unwrap_or_default(),
        r.age_days.map(|d| d.to_string()).unwrap_or_default(),
        tags.join(";"),
        r.status.clone(),
    ];
    let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    quoted.join(",")
}

/// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. A
/// leading `=`, `+`, `-` or `@` is prefixed with `'` so that a spreadsheet shows a tag
/// value instead of running it as a formula.
fn csv_field(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            account: "111111111111".into(),
            account_name: Some("prod".into()),
            profile: Some("ops".into()),
            region: "eu-west-1".into(),
            collection_id: Some("lobby".into()),
            arn: Some("arn:aws:rekognition:eu-west-1:111111111111:collection/lobby".into()),
            faces: Some(12),
            users: Some(0),
            face_model_version: Some("7.0".into()),
            created: Some("2025-03-01T10:00:00Z".into()),
            age_days: Some(3),
            tags: [
                ("team".to_owned(), "a,b".to_owned()),
                ("+x".into(), "1".into()),
            ]
            .into(),
            status: "ok".into(),
        }
    }

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let mut out = Vec::new();
        write(&[record()], Format::Csv, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "111111111111,prod,ops,eu-west-1,lobby,\
             arn:aws:rekognition:eu-west-1:111111111111:collection/lobby,12,0,7.0,\
             2025-03-01T10:00:00Z,3,\"'+x=1;team=a,b\",ok"
        );
    }

    /// A key with `=` or `;`, and a value with `;`, would split wrongly: they are
    /// percent-encoded, `%` too, and a value's `=` is kept.
    #[test]
    fn csv_tags_stay_unambiguous() {
        let tags = [
            ("a=b".to_owned(), "c".to_owned()),
            ("k".into(), "v==;%".into()),
        ];
        let mut one = record();
        one.tags = tags.into();
        let mut out = Vec::new();
        write(&[one], Format::Csv, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(",a%3Db=c;k=v==%3B%25,ok"), "{text}");
    }

    #[test]
    fn json_and_json_lines_hold_the_same_records() {
        let records = vec![record(), record()];
        let mut json = Vec::new();
        write(&records, Format::Json, &mut json).unwrap();
        let parsed: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        let mut lines = Vec::new();
        write(&records, Format::Jsonl, &mut lines).unwrap();
        let from_lines: Vec<serde_json::Value> = String::from_utf8(lines)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(parsed, from_lines);
        assert_eq!(parsed[0]["tags"]["team"], "a,b");
        assert_eq!(parsed[0]["faces"], 12);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_for_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/inventory.csv");
        write_file(&[record()], Format::Csv, &path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(std::fs::read_to_string(&path).unwrap().contains("lobby"));

        // Written over a file anyone could read, the inventory is the owner's alone.
        let older = dir.path().join("older.csv");
        std::fs::write(&older, "old\n").unwrap();
        std::fs::set_permissions(&older, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_file(&[record()], Format::Csv, &older).unwrap();
        let mode = std::fs::metadata(&older).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(std::fs::read_to_string(&older).unwrap().contains("lobby"));
    }
}
