//! The layering checked: `ARCHITECTURE.md`'s `## Layers` table says which modules each
//! layer holds and what it may import, and every file under `src/` is read for its `use`s
//! and inline `crate::`, `super::` and `self::` paths. A module's layer is the longest
//! module path in the table that its path starts with; test modules are not checked.

mod source;
mod table;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::fmt;

use self::source::{Token, imports, test_modules, tokenize};
use self::table::table;

/// A crate path as segments: `aws::api` is `["aws", "api"]`; the crate root is empty.
type Path = Vec<String>;

#[derive(Debug)]
struct Layer {
    name: String,
    modules: Vec<Path>,
    /// `None`: anything.
    may_import: Option<Vec<Path>>,
}

/// One import a layer may not make, or a file in no layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub what: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.what)
    }
}

/// Every problem of `files` (`(path under the crate, text)`, paths like `src/app.rs`)
/// against the table in `markdown`; `Err` when the table cannot be read.
pub fn check(markdown: &str, files: &[(String, String)]) -> Result<Vec<Problem>, String> {
    let layers = table(markdown)?;
    let tokens: Vec<(&String, Vec<Token>)> = files
        .iter()
        .map(|(path, text)| (path, tokenize(text)))
        .collect();
    let mut test_files = BTreeSet::new();
    for (path, tokens) in &tokens {
        test_files.extend(test_modules(path, tokens));
    }
    let is_test = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path);
        name == "tests.rs"
            || path.contains("/tests/")
            || test_files
                .iter()
                .any(|t: &String| path == t || (t.ends_with('/') && path.starts_with(t.as_str())))
    };
    let mut problems = Vec::new();
    for (path, tokens) in &tokens {
        if is_test(path) {
            continue;
        }
        let module = module_of(path);
        let Some(layer) = layer_of(&layers, &module) else {
            problems.push(Problem {
                file: path.to_string(),
                line: 1,
                what: format!("module {} is in no layer", show(&module)),
            });
            continue;
        };
        for (line, import) in imports(&module, tokens) {
            if let Some(why) = refusal(&layers, layer, &import) {
                problems.push(Problem {
                    file: path.to_string(),
                    line,
                    what: format!("crate::{}: {why}", import.join("::")),
                });
            }
        }
    }
    Ok(problems)
}

/// Why `layer` may not import `import`, if it may not.
fn refusal(layers: &[Layer], layer: &Layer, import: &Path) -> Option<String> {
    let Some(target) = layer_of(layers, import) else {
        return Some("a path in no layer".into());
    };
    if target.name == layer.name {
        return None;
    }
    let allowed = layer.may_import.as_ref()?;
    // An allowed path counts only for the layer it is in: allowing `erase` is not allowing
    // `erase::cli` when that is another layer.
    let ok = allowed.iter().any(|p| {
        import.starts_with(p) && layer_of(layers, p).is_some_and(|l| l.name == target.name)
    });
    (!ok).then(|| {
        format!(
            "layer {} may not import from layer {}",
            layer.name, target.name
        )
    })
}

fn layer_of<'a>(layers: &'a [Layer], path: &[String]) -> Option<&'a Layer> {
    layers
        .iter()
        .flat_map(|l| l.modules.iter().map(move |m| (l, m)))
        // The crate root holds only itself, or it would hold everything.
        .filter(|(_, m)| {
            if m.is_empty() {
                path.is_empty()
            } else {
                path.starts_with(m)
            }
        })
        .max_by_key(|(_, m)| m.len())
        .map(|(l, _)| l)
}

fn show(path: &[String]) -> String {
    if path.is_empty() {
        "crate".into()
    } else {
        path.join("::")
    }
}

/// `src/aws/api.rs` is `aws::api`, `src/lib.rs` the root, `src/main.rs` is `main`.
fn module_of(file: &str) -> Path {
    let inner = file.strip_prefix("src/").unwrap_or(file);
    let inner = inner.strip_suffix(".rs").unwrap_or(inner);
    if inner == "lib" {
        return Vec::new();
    }
    inner.split('/').map(str::to_owned).collect()
}
