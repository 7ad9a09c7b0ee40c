//! The checker on small made-up crates (so that it is seen to fail), then on this one.

use std::path::Path as FsPath;

use super::source::resolve;
use super::table::entries;
use super::*;

const TABLE: &str = "\
# Fixture

## Layers

| layer | modules | may import |
|-------|---------|------------|
| base | `time`, `ids` | — |
| core | `app` | base, `erase::search`, `erase::Plan` (until moved) |
| erase | `erase` | base |
| commands | `erase::cli` | `*` |
| entry | `crate`, `main` | * |

## Not layers

| layer | modules | may import |
|-------|---------|------------|
| ghost | `ghost` | * |
";

fn run(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    check(TABLE, &files)
        .expect("the fixture table reads")
        .iter()
        .map(Problem::to_string)
        .collect()
}

#[test]
fn a_forbidden_import_is_named_with_its_file_and_line() {
    let problems = run(&[(
        "src/app/view.rs",
        "//! A view.\n\nuse crate::time::now;\nuse crate::erase::cli::run;\n",
    )]);
    assert_eq!(
        problems,
        [
            "src/app/view.rs:4: crate::erase::cli::run: layer core may not import from layer commands"
        ]
    );
}

#[test]
fn allowed_imports_pass() {
    let text = "use crate::ids::UserId;\nuse crate::erase::search::Search;\n\
                use super::format;\nfn f() { crate::erase::Plan::new(); }\n";
    assert_eq!(run(&[("src/app/view.rs", text)]), Vec::<String>::new());
    // Within a layer, and from a layer that may import anything.
    let entry = "use crate::app::State;\nuse crate::erase::cli;\n";
    assert_eq!(
        run(&[("src/main.rs", entry), ("src/lib.rs", entry)]),
        Vec::<String>::new()
    );
}

#[test]
fn an_allowed_path_is_no_licence_for_another_layer_under_it() {
    // `erase::Plan` is allowed; `erase` itself and `erase::run` are not.
    let problems = run(&[(
        "src/app.rs",
        "use crate::erase;\nuse crate::erase::run::go;\n",
    )]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("src/app.rs:1: crate::erase:"));
    assert!(problems[1].starts_with("src/app.rs:2: crate::erase::run::go:"));
}

#[test]
fn a_file_in_no_layer_is_reported() {
    let problems = run(&[("src/ghost.rs", "use crate::time;\n"), ("src/time.rs", "")]);
    assert_eq!(problems, ["src/ghost.rs:1: module ghost is in no layer"]);
    let problems = run(&[("src/time.rs", "use crate::ghost::Thing;\n")]);
    assert_eq!(
        problems,
        ["src/time.rs:1: crate::ghost::Thing: a path in no layer"]
    );
}

#[test]
fn grouped_and_multi_line_uses_are_read_leaf_by_leaf() {
    let text = "\
use crate::{
    ids::{self, UserId},
    time::{now as clock, *},
    erase::{search::Search,
        cli::Args},
};
";
    let problems = run(&[("src/app/x.rs", text)]);
    assert_eq!(
        problems,
        ["src/app/x.rs:5: crate::erase::cli::Args: layer core may not import from layer commands"]
    );
    let found: Vec<(usize, String)> = imports(&["app".into()], &tokenize(text))
        .into_iter()
        .map(|(line, p)| (line, p.join("::")))
        .collect();
    let want = [
        (2, "ids"),
        (2, "ids::UserId"),
        (3, "time::now"),
        (3, "time"),
        (4, "erase::search::Search"),
        (5, "erase::cli::Args"),
    ];
    assert_eq!(found, want.map(|(l, p)| (l, p.to_owned())));
}

#[test]
fn super_paths_climbing_out_of_a_module_are_crate_paths() {
    let text = "use super::super::super::erase::cli::Args;\nfn f() { super::super::super::time::now(); }\n";
    let problems = run(&[("src/app/deep/x.rs", text)]);
    assert_eq!(
        problems,
        [
            "src/app/deep/x.rs:1: crate::erase::cli::Args: layer core may not import from layer commands"
        ]
    );
    let resolved = resolve(&["ids".into()], &["super".into(), "app".into()]);
    assert_eq!(resolved, Some(vec!["app".to_owned()]));
    assert_eq!(resolve(&[], &["super".into(), "x".into()]), None);
}

#[test]
fn inline_paths_count_and_comments_strings_and_tests_do_not() {
    let text = r##"//! Mentions crate::erase::cli::run in a doc comment.
/* crate::erase::cli::run, /* nested */ crate::erase::cli::run */
fn f() -> &'static str {
    let _ = '"';
    let _ = '{';
    let _ = r#"crate::erase::cli::run"#;
    crate::erase::cli::run(); // crate::erase::cli::x
    "crate::erase::cli::run"
}
#[cfg(test)]
mod tests {
    use crate::erase::cli::run;
}
#[cfg(test)]
mod more_tests;
#[cfg(test)]
#[path = "elsewhere_tests.rs"]
mod elsewhere;
"##;
    let problems = run(&[
        ("src/app/x.rs", text),
        ("src/app/x/more_tests.rs", "use crate::erase::cli;\n"),
        ("src/app/elsewhere_tests.rs", "use crate::erase::cli;\n"),
        ("src/app/tests.rs", "use crate::erase::cli;\n"),
        ("src/app/tests/helpers.rs", "use crate::erase::cli;\n"),
    ]);
    assert_eq!(
        problems,
        ["src/app/x.rs:7: crate::erase::cli::run: layer core may not import from layer commands"]
    );
}

#[test]
fn table_cells_drop_backticks_and_notes() {
    assert_eq!(
        entries("`a`, `b::c` (until moved, see x), d, —"),
        ["a", "b::c", "d"]
    );
    let layers = table(TABLE).unwrap();
    let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["base", "core", "erase", "commands", "entry"]);
    assert!(layers[3].may_import.is_none(), "`*` is anything");
    assert!(table("# No layers here\n").is_err());
}

/// Every `.rs` file under `dir`, as `(path under the crate, text)`.
fn sources(root: &FsPath, dir: &FsPath, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(root).unwrap().to_string_lossy();
            let name = name.replace(std::path::MAIN_SEPARATOR, "/");
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn every_import_in_src_keeps_to_the_layers_of_architecture_md() {
    let root = FsPath::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut files = Vec::new();
    sources(root, &root.join("src"), &mut files);
    assert!(files.len() > 100, "the sources were found");
    let problems = check(&table, &files).unwrap();
    let list: Vec<String> = problems.iter().map(Problem::to_string).collect();
    assert!(
        problems.is_empty(),
        "imports against ARCHITECTURE.md's layers:\n{}",
        list.join("\n")
    );
}
