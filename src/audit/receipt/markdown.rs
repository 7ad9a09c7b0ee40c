//! The receipt as a document to send: plain Markdown, every value from the trail escaped.

use super::{NAMES_HMAC, Receipt};

/// The receipt as a document to send: plain Markdown, every value escaped.
pub fn markdown(r: &Receipt) -> String {
    let mut s = String::new();
    let v = |o: &Option<String>| o.as_deref().map_or_else(|| "-".to_owned(), md);
    let title = match r.kind {
        "erasure" => "Erasure receipt",
        _ => "Collection deletion receipt",
    };
    s.push_str(&format!("# {title}\n\n"));
    s.push_str(&format!(
        "This receipt is made by rekog {} from its audit trail. It records one {} of face \
         data in Amazon Rekognition, and how it can be checked.\n\n",
        r.rekog_version,
        if r.kind == "erasure" {
            "erasure"
        } else {
            "deletion of a whole collection"
        }
    ));
    s.push_str("| | |\n| --- | --- |\n");
    s.push_str(&format!("| Record | `{}` |\n", code(&r.id)));
    s.push_str(&format!("| Ticket | {} |\n", v(&r.ticket)));
    s.push_str(&format!("| Started (UTC) | {} |\n", md(&r.when.intent)));
    s.push_str(&format!("| Ended (UTC) | {} |\n", v(&r.when.outcome)));
    s.push_str(&format!("| Outcome | {} |\n\n", outcome_words(r)));

    s.push_str("## Who\n\n");
    s.push_str(&format!("- AWS identity: {}\n", v(&r.who.caller_arn)));
    s.push_str(&format!("- Operating system user: {}\n", v(&r.who.os_user)));
    s.push_str(&format!("- Host: {}\n", v(&r.who.host)));
    if r.who.ssh_connection.is_some() {
        s.push_str(&format!("- SSH connection: {}\n", v(&r.who.ssh_connection)));
    }
    s.push_str("\n## Where\n\n");
    s.push_str(&format!("- Account: {}\n", v(&r.place.account)));
    s.push_str(&format!("- Region: {}\n", v(&r.place.region)));
    s.push_str(&format!("- Collection: {}\n", v(&r.place.collection_id)));
    s.push_str(&format!(
        "- Collection ARN: {}\n",
        v(&r.place.collection_arn)
    ));
    if r.place.endpoint.is_some() {
        s.push_str(&format!("- Endpoint: {}\n", v(&r.place.endpoint)));
    }

    s.push_str("\n## What\n\n");
    let count = |n: Option<u64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    if r.kind == "erasure" {
        s.push_str(&format!(
            "- Found by: {}\n- Faces named: {}\n- Users named: {}\n",
            v(&r.what.search),
            count(r.what.faces),
            count(r.what.users)
        ));
        s.push_str(&format!(
            "- Faces erased: {}; users deleted: {}\n\n",
            count(r.outcome.faces_erased),
            count(r.outcome.users_erased)
        ));
        if r.what.face_results.is_empty() {
            s.push_str("The manifest that lists the faces is not available, or changed.\n\n");
        } else {
            s.push_str("| FaceId | Result | Reasons |\n| --- | --- | --- |\n");
            for f in &r.what.face_results {
                s.push_str(&format!(
                    "| `{}` | {} | {} |\n",
                    code(&f.face_id),
                    f.result.replace('_', " "),
                    md(&f.reasons.join(", "))
                ));
            }
            s.push('\n');
        }
        for (n, u) in r.what.user_results.iter().enumerate() {
            s.push_str(&format!(
                "- User {} of {}: {}{}\n",
                n + 1,
                r.what.user_results.len(),
                u.result.replace('_', " "),
                u.why
                    .as_deref()
                    .map(|w| format!(" ({})", md(w)))
                    .unwrap_or_default()
            ));
        }
        if !r.what.user_results.is_empty() {
            s.push('\n');
        }
    } else {
        // Digits as the receipt's other counts are written, without separators.
        let counted = |n: Option<u64>, one, many| match n {
            Some(1) => format!("1 {one}"),
            Some(n) => format!("{n} {many}"),
            None => format!("- {many}"),
        };
        s.push_str(&format!(
            "- The whole collection, with {} and {}\n\n",
            counted(r.what.faces, "face", "faces"),
            counted(r.what.users, "user", "users")
        ));
    }

    s.push_str("## Proof of absence\n\n");
    let p = &r.proof_of_absence;
    match (r.kind, &p.error, &p.rechecked) {
        ("erasure", Some(why), _) => {
            s.push_str(&format!("Looking again failed: {}.\n\n", md(why)));
        }
        ("erasure", None, Some(looked)) => {
            let remaining = p.remaining.unwrap_or(0);
            s.push_str(&format!(
                "After the erasure, rekog looked again ({}): {}.\n\n",
                md(&looked.join("; ")),
                if remaining == 0 {
                    "no face remains".to_owned()
                } else {
                    format!(
                        "{} still found: {}",
                        crate::text::count(remaining, "face was", "faces were"),
                        md(&p.remaining_face_ids.clone().unwrap_or_default().join(", "))
                    )
                }
            ));
        }
        ("erasure", None, None) => s.push_str("Not recorded.\n\n"),
        _ => s.push_str(match p.verified_absent {
            Some(true) => {
                "After the deletion, DescribeCollection answered ResourceNotFoundException: \
                 the collection no longer exists.\n\n"
            }
            Some(false) => "After the deletion, the collection could not be shown gone.\n\n",
            None => "Not recorded.\n\n",
        }),
    }

    s.push_str("## Evidence\n\n");
    match &r.manifest {
        Some(m) => {
            s.push_str(&format!("- Manifest: `{}`\n", code(&m.path)));
            s.push_str(&format!(
                "- Manifest SHA-256 as recorded: `{}`\n",
                code(m.sha256.as_deref().unwrap_or("-"))
            ));
            let now = match (&m.sha256_now, &m.sha256) {
                (None, _) => "the file is no longer there".to_owned(),
                (Some(now), Some(was)) if now == was => "unchanged".to_owned(),
                (Some(now), _) => format!("changed, now `{now}`"),
            };
            s.push_str(&format!("- Manifest now: {now}\n"));
            s.push_str(match m.names.as_deref() {
                Some(NAMES_HMAC) => {
                    "- Names in the manifest: ExternalImageIds and UserIds kept only as \
                     HMAC-SHA256 under this installation's key, not in clear text\n"
                }
                Some(_) => {
                    "- Names in the manifest: ExternalImageIds and UserIds kept in clear text\n"
                }
                None => {
                    "- Names in the manifest: unknown (the manifest cannot be read as recorded)\n"
                }
            });
        }
        None => s.push_str("- No manifest was kept.\n"),
    }
    for rec in &r.records {
        s.push_str(&format!(
            "- Audit record {} ({}): SHA-256 `{}`\n",
            rec.seq.map_or_else(|| "-".to_owned(), |n| n.to_string()),
            rec.event,
            rec.sha256
        ));
    }
    if let Some(last) = r
        .records
        .iter()
        .rev()
        .find_map(|rec| rec.seq.map(|n| (n, rec)))
    {
        s.push_str(&format!(
            "\nWhoever holds the audit trail can check these records are in it, unchanged: \
             `rekog audit --verify --expect-head {}:{}`.\n",
            last.0, last.1.sha256
        ));
    }
    s
}

fn outcome_words(r: &Receipt) -> String {
    match (r.outcome.outcome, &r.outcome.error_code) {
        (Some("success"), _) => "success".to_owned(),
        (Some(kind), Some(code)) => format!("{kind} ({})", md(code)),
        (Some(kind), None) => kind.to_owned(),
        (None, _) => "no outcome recorded: rekog stopped before the end".to_owned(),
    }
}

/// Text for a code span: no backtick to end it early, no control characters.
pub(super) fn code(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '`')
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// Text from the trail, safe in Markdown: no table breaks, no markup, no control characters.
pub(super) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}
