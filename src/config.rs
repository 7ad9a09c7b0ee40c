//! The optional settings file, `$XDG_CONFIG_HOME/rekog/config.toml`: top-level keys, and
//! `[profiles.NAME]` tables whose keys replace the top-level ones for that AWS profile.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::caps::{CharsetChoice, ColorChoice, ThemeChoice};
use crate::protect::Glob;

/// What the settings come to for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Refuse every mutation.
    pub read_only: bool,
    /// Globs of collection IDs that are never deleted.
    pub protect: Vec<String>,
    /// Export a manifest before deleting a collection.
    pub manifest: bool,
    /// The regions the picker and the fleet view offer; `None`: every Rekognition region.
    pub regions: Option<Vec<String>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            read_only: false,
            protect: Vec::new(),
            manifest: true,
            regions: None,
        }
    }
}

/// One layer of keys: the top level, or one profile's table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    read_only: Option<bool>,
    protect: Option<Vec<Spanned<String>>>,
    manifest: Option<bool>,
    regions: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKeys {
    read_only: Option<bool>,
    protect: Option<Vec<Spanned<String>>>,
    manifest: Option<bool>,
    regions: Option<Vec<Spanned<String>>>,
    charset: Option<CharsetChoice>,
    color: Option<ColorChoice>,
    theme: Option<ThemeChoice>,
    fleet_profiles: Option<Vec<String>>,
    org_role: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Layer>,
    manifest_retention: Option<Spanned<String>>,
}

/// The loaded file (or the defaults when there is none).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file the settings came from; `None` when no file was found.
    pub path: Option<PathBuf>,
    top: Layer,
    profiles: BTreeMap<String, Layer>,
    /// What the terminal gets: top level only, since it is the terminal's and not the
    /// profile's.
    pub terminal: Terminal,
    /// Which accounts the fleet and the inventory reach beyond the current profile.
    pub fleet: Fleet,
    /// `manifest_retention`: manifests older than this (ms) are pruned at the TUI's start,
    /// with the span as written; `None` keeps every manifest. Top level only: the
    /// manifests on the box are not one profile's.
    pub manifest_retention: Option<(i64, String)>,
}

/// `fleet_profiles` and `org_role`: top level only, since they name profiles and roles
/// rather than belong to one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fleet {
    /// The profiles "all profiles" means; `None`: every profile of the AWS files.
    pub profiles: Option<Vec<String>>,
    /// The role `--org` assumes in each member account when no flag names one.
    pub org_role: Option<String>,
}

/// The file's say on the terminal (`charset`, `color`, `theme`); flags win over it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    pub charset: Option<CharsetChoice>,
    pub color: Option<ColorChoice>,
    pub theme: Option<ThemeChoice>,
}

/// A settings file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// The default file's path: `$XDG_CONFIG_HOME/rekog/config.toml`.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::config_dir().map(|d| d.join("config.toml"))
    }

    /// Loads the default file; no file (or no HOME to find it by) means the defaults.
    pub fn load_default() -> Result<Config, ConfigError> {
        match Config::default_path() {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// Loads `path`; a missing file means the defaults, any other problem is an error.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(error_at(path, format!("cannot read it: {e}"))),
        };
        let text = String::from_utf8(text)
            .map_err(|e| error_at(path, format!("it is not UTF-8 text: {e}")))?;
        Config::parse(path, &text)
    }

    /// Parses `text` as if read from `path` (the path only names the file in errors).
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let keys: FileKeys = toml::from_str(text).map_err(|e| {
            let place = e.span().map(|s| line_column(text, s.start));
            ConfigError {
                path: path.to_path_buf(),
                line: place.map(|p| p.0),
                column: place.map(|p| p.1),
                problem: e.message().trim_end().to_owned(),
            }
        })?;
        let top = Layer {
            read_only: keys.read_only,
            protect: keys.protect,
            manifest: keys.manifest,
            regions: keys.regions,
        };
        // Patterns are checked here so a typo is reported with its line, not ignored later.
        for layer in std::iter::once(&top).chain(keys.profiles.values()) {
            for pattern in layer.protect.iter().flatten() {
                if let Err(e) = Glob::new(pattern.get_ref()) {
                    let (line, column) = line_column(text, pattern.span().start);
                    return Err(ConfigError {
                        path: path.to_path_buf(),
                        line: Some(line),
                        column: Some(column),
                        problem: e.to_string(),
                    });
                }
            }
            for code in layer.regions.iter().flatten() {
                if !crate::aws::regions::plausible(code.get_ref()) {
                    let (line, column) = line_column(text, code.span().start);
                    return Err(ConfigError {
                        path: path.to_path_buf(),
                        line: Some(line),
                        column: Some(column),
                        problem: format!(
                            "{:?} is not a region code like eu-west-1",
                            code.get_ref()
                        ),
                    });
                }
            }
        }
        let manifest_retention = match keys.manifest_retention {
            Some(span) => {
                let written = span.get_ref().trim().to_owned();
                let ms = crate::time::parse_duration(&written).map_err(|problem| {
                    let (line, column) = line_column(text, span.span().start);
                    ConfigError {
                        path: path.to_path_buf(),
                        line: Some(line),
                        column: Some(column),
                        problem: format!("manifest_retention {problem}"),
                    }
                })?;
                Some((ms, written))
            }
            None => None,
        };
        if let Some(role) = keys.org_role.as_deref().filter(|r| !r.is_empty()) {
            crate::ids::role_name(role).map_err(|problem| ConfigError {
                path: path.to_path_buf(),
                line: None,
                column: None,
                problem: format!("org_role: {problem}"),
            })?;
        }
        Ok(Config {
            manifest_retention,
            path: Some(path.to_path_buf()),
            top,
            profiles: keys.profiles,
            terminal: Terminal {
                charset: keys.charset,
                color: keys.color,
                theme: keys.theme,
            },
            fleet: Fleet {
                profiles: keys.fleet_profiles,
                org_role: keys.org_role.filter(|r| !r.is_empty()),
            },
        })
    }

    /// Why `profile`'s settings make rekog read-only, when they do: `read_only in FILE`.
    pub fn read_only_reason(&self, profile: Option<&str>) -> Option<String> {
        self.effective(profile).read_only.then(|| {
            let file = self
                .path
                .as_ref()
                .map_or_else(|| "the config".to_owned(), |p| p.display().to_string());
            format!("read_only in {file}")
        })
    }

    /// The settings for `profile`: its table's keys where it sets them, else the top
    /// level's, else the defaults. `None` (no profile named) reads the top level only.
    pub fn effective(&self, profile: Option<&str>) -> Settings {
        let layer = profile.and_then(|p| self.profiles.get(p));
        let pick = |f: fn(&Layer) -> Option<bool>| layer.and_then(f).or_else(|| f(&self.top));
        let defaults = Settings::default();
        let protect = layer
            .and_then(|l| l.protect.as_ref())
            .or(self.top.protect.as_ref())
            .map(|v| v.iter().map(|s| s.get_ref().clone()).collect())
            .unwrap_or(defaults.protect);
        Settings {
            read_only: pick(|l| l.read_only).unwrap_or(defaults.read_only),
            protect,
            manifest: pick(|l| l.manifest).unwrap_or(defaults.manifest),
            regions: layer
                .and_then(|l| l.regions.as_ref())
                .or(self.top.regions.as_ref())
                .map(|v| v.iter().map(|s| s.get_ref().clone()).collect()),
        }
    }

    /// The profile names that have a table, to warn about one that matches no profile.
    pub fn profiles(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }
}

fn error_at(path: &Path, problem: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        problem,
    }
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests;
