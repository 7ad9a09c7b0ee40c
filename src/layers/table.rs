//! Reading the `## Layers` table of `ARCHITECTURE.md`.

use super::{Layer, Path};

/// The `## Layers` table: columns `layer`, `modules` and `may import`. Cells list
/// comma-separated paths (backticks and a trailing `(note)` are ignored); `crate` is the
/// root; a layer's name in `may import` stands for its modules; `*` is anything.
pub(super) fn table(markdown: &str) -> Result<Vec<Layer>, String> {
    let rows: Vec<Vec<String>> = markdown
        .lines()
        .skip_while(|l| l.trim() != "## Layers")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .map(str::trim)
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let l = l.trim_matches('|');
            l.split('|').map(|c| c.trim().to_owned()).collect()
        })
        .collect();
    let Some((head, body)) = rows.split_first() else {
        return Err("ARCHITECTURE.md has no table under ## Layers".into());
    };
    let col = |name: &str| {
        head.iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or(format!("the layers table has no column {name:?}"))
    };
    let (name, modules, may) = (col("layer")?, col("modules")?, col("may import")?);
    let cell = |row: &[String], i: usize| row.get(i).cloned().unwrap_or_default();
    let rows: Vec<&Vec<String>> = body
        .iter()
        .filter(|r| {
            !r.iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
        })
        .collect();
    let names: Vec<(String, Vec<Path>)> = rows
        .iter()
        .map(|r| (entries(&cell(r, name)).join(""), paths(&cell(r, modules))))
        .collect();
    let mut layers = Vec::new();
    for (row, (name, modules)) in rows.iter().zip(&names) {
        let listed = entries(&cell(row, may));
        let may_import = if listed.iter().any(|e| e == "*") {
            None
        } else {
            let mut allowed = Vec::new();
            for entry in listed {
                match names.iter().find(|(n, _)| *n == entry) {
                    Some((_, ms)) => allowed.extend(ms.iter().cloned()),
                    None => allowed.push(path(&entry)),
                }
            }
            Some(allowed)
        };
        layers.push(Layer {
            name: name.clone(),
            modules: modules.clone(),
            may_import,
        });
    }
    Ok(layers)
}

/// `` `a`, `b::c` (until moved) `` is `["a", "b::c"]`; `—` alone is nothing.
pub(super) fn entries(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for c in cell.chars().chain([',']) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                let entry = current.trim().trim_matches('`').trim().to_owned();
                if !entry.is_empty() && entry != "—" && entry != "-" {
                    out.push(entry);
                }
                current.clear();
            }
            _ if depth == 0 && c != '`' => current.push(c),
            _ => {}
        }
    }
    out
}

fn paths(cell: &str) -> Vec<Path> {
    entries(cell).iter().map(|e| path(e)).collect()
}

fn path(entry: &str) -> Path {
    if entry == "crate" {
        return Vec::new();
    }
    let entry = entry.strip_prefix("crate::").unwrap_or(entry);
    entry.split("::").map(str::to_owned).collect()
}
