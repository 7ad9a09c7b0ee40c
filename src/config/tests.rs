use std::path::Path;

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(Path::new("/etc/x/config.toml"), text)
}

#[test]
fn no_file_means_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load(&dir.path().join("absent.toml")).unwrap();
    assert_eq!(config.path, None);
    assert_eq!(config.effective(None), Settings::default());
    assert_eq!(config.effective(Some("prod")), Settings::default());
    let d = Settings::default();
    assert!(!d.read_only && d.manifest && d.protect.is_empty());
}

#[test]
fn top_level_keys_apply_to_every_profile() {
    let config =
        parse("read_only = true\nprotect = [\"prod-*\", \"keep-?\"]\nmanifest = false\n").unwrap();
    let want = Settings {
        read_only: true,
        protect: vec!["prod-*".into(), "keep-?".into()],
        manifest: false,
        regions: None,
    };
    assert_eq!(config.effective(None), want);
    assert_eq!(config.effective(Some("anything")), want);
}

#[test]
fn a_profile_table_overrides_only_the_keys_it_sets() {
    let text = r#"
protect = ["prod-*"]

[profiles.prod]
read_only = true

[profiles.sandbox]
protect = []
manifest = false
"#;
    let config = parse(text).unwrap();
    assert_eq!(
        config.effective(Some("prod")),
        Settings {
            read_only: true,
            protect: vec!["prod-*".into()],
            manifest: true,
            regions: None,
        }
    );
    assert_eq!(
        config.effective(Some("sandbox")),
        Settings {
            read_only: false,
            protect: vec![],
            manifest: false,
            regions: None,
        }
    );
    assert!(!config.effective(Some("dev")).read_only);
    assert!(!config.effective(None).read_only);
    assert_eq!(config.profiles().collect::<Vec<_>>(), ["prod", "sandbox"]);
}

#[test]
fn a_profile_can_lift_a_top_level_read_only() {
    let config = parse("read_only = true\n[profiles.scratch]\nread_only = false\n").unwrap();
    assert!(!config.effective(Some("scratch")).read_only);
    assert!(config.effective(Some("other")).read_only);
}

#[test]
fn load_reads_the_file_and_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[profiles.prod]\nread_only = true\n").unwrap();
    let config = Config::load(&path).unwrap();
    assert_eq!(config.path.as_deref(), Some(path.as_path()));
    assert!(config.effective(Some("prod")).read_only);
}

fn error(text: &str) -> ConfigError {
    parse(text).unwrap_err()
}

#[test]
fn an_unknown_key_is_named_with_its_line() {
    let err = error("read_only = false\n\nreadonly = true\n");
    assert_eq!((err.line, err.column), (Some(3), Some(1)));
    assert!(err.problem.contains("unknown field `readonly`"), "{err}");
    let shown = err.to_string();
    assert!(
        shown.starts_with("/etc/x/config.toml:3:1: unknown field"),
        "{shown}"
    );
}

#[test]
fn an_unknown_key_in_a_profile_is_named_with_its_line() {
    let err = error("[profiles.prod]\nread_only = true\nprotected = [\"a\"]\n");
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.problem.contains("unknown field `protected`"), "{err}");
}

#[test]
fn a_wrong_type_is_named_with_its_line() {
    let err = error("manifest = true\nread_only = \"yes\"\n");
    assert_eq!(err.line, Some(2), "{err}");
    assert!(err.problem.contains("invalid type"), "{err}");

    let err = error("protect = \"prod-*\"\n");
    assert_eq!(err.line, Some(1), "{err}");
    assert!(err.problem.contains("expected a sequence"), "{err}");
}

#[test]
fn a_syntax_error_is_named_with_its_line() {
    let err = error("manifest = true\n\n\nprotect = [\"a\",\n");
    assert!(err.line.is_some_and(|l| l >= 4), "{err}");
    assert!(!err.problem.is_empty());
}

#[test]
fn a_bad_glob_is_named_with_its_line_and_column() {
    let err = error("protect = [\"ok-*\"]\n[profiles.prod]\nprotect = [\"ok\", \"prod-[ab\"]\n");
    assert_eq!((err.line, err.column), (Some(3), Some(18)), "{err}");
    assert!(err.problem.contains("never closed"), "{err}");
}

#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should be: unreadable as a file, even for root.
    let err = Config::load(dir.path()).unwrap_err();
    assert_eq!(err.path, dir.path());
    assert_eq!(err.line, None);
    assert!(err.to_string().contains("cannot read it"), "{err}");

    let path = dir.path().join("config.toml");
    std::fs::write(&path, b"manifest = true\n\xff\n").unwrap();
    let err = Config::load(&path).unwrap_err();
    assert!(err.problem.contains("not UTF-8"), "{err}");
}

#[test]
fn the_example_file_parses_and_shows_every_key() {
    let text = include_str!("../../assets/config.example.toml");
    let config = parse(text).unwrap();
    for key in [
        "read_only =",
        "protect =",
        "manifest =",
        "manifest_retention =",
        "[profiles.",
    ] {
        assert!(text.contains(key), "{key}");
    }
    assert!(config.effective(Some("production")).read_only);
    assert_eq!(
        config.effective(Some("sandbox")),
        Settings {
            read_only: false,
            protect: vec![],
            manifest: false,
            regions: None,
        }
    );
    assert_eq!(config.effective(None).protect, ["prod-*", "*-keep"]);
}

#[test]
fn regions_at_the_top_or_per_profile_and_each_checked() {
    let config = parse(
        "regions = [\"us-east-1\"]\n[profiles.eu]\nregions = [\"eu-west-1\", \"eu-central-1\"]\n",
    )
    .unwrap();
    assert_eq!(
        config.effective(None).regions,
        Some(vec!["us-east-1".into()])
    );
    assert_eq!(
        config.effective(Some("eu")).regions,
        Some(vec!["eu-west-1".into(), "eu-central-1".into()])
    );
    let err = error("manifest = true\n[profiles.eu]\nregions = [\"eu-west-1\", \"Europe\"]\n");
    assert_eq!((err.line, err.column), (Some(3), Some(25)), "{err}");
    assert!(
        err.problem.contains("\"Europe\" is not a region code"),
        "{err}"
    );
}

#[test]
fn org_role_is_checked_as_iam_names_a_role() {
    let config = parse("org_role = \"OrganizationAccountAccessRole\"\n").unwrap();
    assert_eq!(
        config.fleet.org_role.as_deref(),
        Some("OrganizationAccountAccessRole")
    );
    let err = error("org_role = \"Org Role\"\n");
    assert!(
        err.problem
            .contains("org_role: a space cannot be in a role name"),
        "{err}"
    );
}

#[test]
fn the_terminal_keys_are_read_and_a_bad_value_names_the_allowed_ones() {
    use crate::caps::{CharsetChoice, ColorChoice, ThemeChoice};
    let text = "charset = \"ascii\"\ncolor = \"16\"\ntheme = \"light\"\n";
    let config = Config::parse(Path::new("config.toml"), text).unwrap();
    assert_eq!(config.terminal.charset, Some(CharsetChoice::Ascii));
    assert_eq!(config.terminal.color, Some(ColorChoice::Ansi16));
    assert_eq!(config.terminal.theme, Some(ThemeChoice::Light));

    let err = Config::parse(
        Path::new("config.toml"),
        "read_only = false\ncolor = \"pink\"\n",
    )
    .unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
    for allowed in ["auto", "never", "16", "256", "truecolor"] {
        assert!(err.problem.contains(allowed), "{err}");
    }
    let err = Config::parse(Path::new("config.toml"), "charset = \"utf8\"\n").unwrap_err();
    assert!(
        err.problem.contains("ascii") && err.problem.contains("unicode"),
        "{err}"
    );
}

#[test]
fn manifest_retention_is_a_span_and_a_bad_one_is_placed() {
    let config = Config::parse(Path::new("config.toml"), "manifest_retention = \"90d\"\n").unwrap();
    assert_eq!(
        config.manifest_retention,
        Some((90 * 86_400_000, "90d".to_owned()))
    );
    assert_eq!(Config::default().manifest_retention, None);
    let err = Config::parse(
        Path::new("config.toml"),
        "read_only = false\nmanifest_retention = \"3 months\"\n",
    )
    .unwrap_err();
    assert_eq!((err.line, err.column), (Some(2), Some(22)));
    assert!(err.problem.starts_with("manifest_retention"), "{err}");
}
