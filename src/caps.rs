//! What the terminal can show, decided once at start from the environment, the config file
//! and the flags: the characters (Unicode or ASCII), the colour depth, and the theme. The
//! ui draws with what this says, the terminal writer never sends more (`tui::paint`), and
//! `rekog doctor` shows it with where each part came from.

use serde::Deserialize;

/// `--ascii` / config `charset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum CharsetChoice {
    /// Unicode when the locale is UTF-8, ASCII otherwise.
    #[default]
    Auto,
    Ascii,
    Unicode,
}

/// `--color` / config `color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    /// From NO_COLOR, COLORTERM and TERM.
    #[default]
    Auto,
    /// No colour sequence at all.
    Never,
    /// The 16 ANSI colours only.
    #[value(name = "16")]
    #[serde(rename = "16")]
    Ansi16,
    #[value(name = "256")]
    #[serde(rename = "256")]
    Ansi256,
    Truecolor,
}

/// `--theme` / config `theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a white background.
    Light,
}

/// The characters rekog writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// Only bytes below 128: borders `+-|`, markers `>` `*`, data escaped.
    Ascii,
    #[default]
    Unicode,
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Depth {
    /// Not one colour sequence: reverse video, bold and underline carry the meaning.
    None,
    /// SGR 30-37, 90-97 and their backgrounds.
    #[default]
    Ansi16,
    Ansi256,
    TrueColor,
}

impl Depth {
    pub fn label(self) -> &'static str {
        match self {
            Depth::None => "no colour",
            Depth::Ansi16 => "16 colours",
            Depth::Ansi256 => "256 colours",
            Depth::TrueColor => "true colour",
        }
    }
}

/// What the terminal gets, with where each decision came from (for `rekog doctor`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Caps {
    pub charset: Charset,
    pub depth: Depth,
    pub theme: ThemeChoice,
    /// `LANG=en_US.UTF-8`, `--ascii`, `charset = "ascii" in the config`...
    pub charset_from: String,
    pub depth_from: String,
}

/// The choices the flags and the config file made; a flag wins over the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Choices {
    pub charset: Option<(CharsetChoice, Origin)>,
    pub color: Option<(ColorChoice, Origin)>,
    pub theme: Option<ThemeChoice>,
}

/// Where a choice was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Config,
}

impl Caps {
    /// Decides from `env` (a variable's value, `None` when unset) and the choices.
    pub fn detect(env: impl Fn(&str) -> Option<String>, choices: Choices) -> Caps {
        let get = |name: &str| env(name).filter(|v| !v.is_empty());
        let (charset, charset_from) = match choices.charset {
            Some((CharsetChoice::Ascii, origin)) => {
                (Charset::Ascii, said(origin, "charset", "ascii"))
            }
            Some((CharsetChoice::Unicode, origin)) => {
                (Charset::Unicode, said(origin, "charset", "unicode"))
            }
            Some((CharsetChoice::Auto, _)) | None => locale_charset(&get),
        };
        let (depth, depth_from) = match choices.color {
            Some((ColorChoice::Auto, _)) | None => auto_depth(&get),
            Some((choice, origin)) => {
                let depth = match choice {
                    ColorChoice::Never => Depth::None,
                    ColorChoice::Ansi16 => Depth::Ansi16,
                    ColorChoice::Ansi256 => Depth::Ansi256,
                    ColorChoice::Truecolor | ColorChoice::Auto => Depth::TrueColor,
                };
                let name = match choice {
                    ColorChoice::Never => "never",
                    ColorChoice::Ansi16 => "16",
                    ColorChoice::Ansi256 => "256",
                    ColorChoice::Truecolor | ColorChoice::Auto => "truecolor",
                };
                (depth, said(origin, "color", name))
            }
        };
        Caps {
            charset,
            depth,
            theme: choices.theme.unwrap_or_default(),
            charset_from,
            depth_from,
        }
    }

    /// From the process's environment.
    pub fn from_env(choices: Choices) -> Caps {
        Caps::detect(|name| std::env::var(name).ok(), choices)
    }

    pub fn ascii(&self) -> bool {
        self.charset == Charset::Ascii
    }
}

fn said(origin: Origin, key: &str, value: &str) -> String {
    match (origin, key) {
        // The only charset flag is --ascii.
        (Origin::Flag, "charset") => "--ascii".to_owned(),
        (Origin::Flag, _) => format!("--{key} {value}"),
        (Origin::Config, _) => format!("{key} = \"{value}\" in the config"),
    }
}

/// As the C library decides: the first of LC_ALL, LC_CTYPE and LANG that is set; none
/// means the "C" locale, which is ASCII.
fn locale_charset(get: &impl Fn(&str) -> Option<String>) -> (Charset, String) {
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let Some(value) = get(name) {
            let charset = if is_utf8_locale(&value) {
                Charset::Unicode
            } else {
                Charset::Ascii
            };
            return (charset, format!("{name}={value}"));
        }
    }
    (
        Charset::Ascii,
        "no LC_ALL, LC_CTYPE or LANG: the C locale".into(),
    )
}

/// `en_US.UTF-8`, `C.utf8`, `de_DE.utf-8@euro`.
pub fn is_utf8_locale(value: &str) -> bool {
    let codeset = value
        .split_once('.')
        .map_or("", |(_, rest)| rest.split('@').next().unwrap_or(""));
    let codeset = codeset.to_ascii_lowercase();
    codeset == "utf-8" || codeset == "utf8"
}

fn auto_depth(get: &impl Fn(&str) -> Option<String>) -> (Depth, String) {
    if let Some(v) = get("NO_COLOR") {
        return (Depth::None, format!("NO_COLOR={v}"));
    }
    let term = get("TERM");
    if let Some(t) = &term
        && let Some(depth) = term_without_colour(t)
    {
        return (depth, format!("TERM={t}"));
    }
    if let Some(c) = get("COLORTERM")
        && matches!(c.to_ascii_lowercase().as_str(), "truecolor" | "24bit")
    {
        return (Depth::TrueColor, format!("COLORTERM={c}"));
    }
    match term {
        Some(t) => (term_depth(&t), format!("TERM={t}")),
        None => (Depth::None, "TERM is not set".into()),
    }
}

/// The terminals that show no colour at all, whatever COLORTERM says.
fn term_without_colour(term: &str) -> Option<Depth> {
    let base = term.split('-').next().unwrap_or(term);
    matches!(
        base,
        "vt52" | "vt100" | "vt102" | "vt220" | "vt320" | "vt420" | "dumb"
    )
    .then_some(Depth::None)
}

fn term_depth(term: &str) -> Depth {
    if term.ends_with("-256color") || term.ends_with("-256") {
        Depth::Ansi256
    } else if term.ends_with("-direct") || term.ends_with("-truecolor") {
        Depth::TrueColor
    } else {
        // xterm, screen, tmux, linux, rxvt, ansi, putty, cygwin and the unknown: the 16
        // ANSI colours are the most a terminal that names no more can be trusted with.
        Depth::Ansi16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(vars: &[(&str, &str)], choices: Choices) -> Caps {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Caps::detect(
            |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            choices,
        )
    }

    #[test]
    fn the_locale_decides_the_charset_as_the_c_library_does() {
        let auto = Choices::default();
        let unicode = |vars: &[(&str, &str)]| caps(vars, auto).charset == Charset::Unicode;
        assert!(unicode(&[("LANG", "en_US.UTF-8")]));
        assert!(unicode(&[("LANG", "C.utf8")]));
        assert!(unicode(&[("LC_CTYPE", "de_DE.utf-8@euro"), ("LANG", "C")]));
        assert!(!unicode(&[("LANG", "C")]));
        assert!(!unicode(&[("LANG", "POSIX")]));
        assert!(!unicode(&[("LANG", "en_US.ISO-8859-1")]));
        assert!(!unicode(&[]), "no locale at all is C");
        // LC_ALL wins over the rest, LC_CTYPE over LANG; an empty one does not count.
        assert!(!unicode(&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")]));
        assert!(!unicode(&[("LC_CTYPE", "C"), ("LANG", "en_US.UTF-8")]));
        assert!(unicode(&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")]));
        assert_eq!(
            caps(&[("LANG", "C")], auto).charset_from,
            "LANG=C",
            "doctor says where it came from"
        );
    }

    #[test]
    fn a_flag_or_the_config_overrides_the_locale() {
        let utf8 = [("LANG", "en_US.UTF-8")];
        let ascii = Choices {
            charset: Some((CharsetChoice::Ascii, Origin::Flag)),
            ..Choices::default()
        };
        let got = caps(&utf8, ascii);
        assert_eq!(
            (got.charset, got.charset_from.as_str()),
            (Charset::Ascii, "--ascii")
        );
        let unicode = Choices {
            charset: Some((CharsetChoice::Unicode, Origin::Config)),
            ..Choices::default()
        };
        assert_eq!(caps(&[("LANG", "C")], unicode).charset, Charset::Unicode);
    }

    #[test]
    fn the_colour_depth_follows_no_color_colorterm_and_term() {
        let auto = Choices::default();
        let depth = |vars: &[(&str, &str)]| caps(vars, auto).depth;
        assert_eq!(depth(&[("TERM", "xterm-256color")]), Depth::Ansi256);
        assert_eq!(depth(&[("TERM", "screen-256color")]), Depth::Ansi256);
        for sixteen in ["xterm", "screen", "tmux", "linux", "rxvt-unicode", "ansi"] {
            assert_eq!(depth(&[("TERM", sixteen)]), Depth::Ansi16, "{sixteen}");
        }
        for none in ["vt100", "vt220", "vt102"] {
            assert_eq!(depth(&[("TERM", none)]), Depth::None, "{none}");
        }
        assert_eq!(
            depth(&[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]),
            Depth::TrueColor
        );
        assert_eq!(
            depth(&[("TERM", "xterm"), ("COLORTERM", "24bit")]),
            Depth::TrueColor
        );
        assert_eq!(
            depth(&[("TERM", "vt100"), ("COLORTERM", "truecolor")]),
            Depth::None,
            "a vt100 shows no colour whatever the emulator outside says"
        );
        assert_eq!(
            depth(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")]),
            Depth::None
        );
        assert_eq!(
            depth(&[("TERM", "xterm-256color"), ("NO_COLOR", "")]),
            Depth::Ansi256,
            "an empty NO_COLOR is not set"
        );
        assert_eq!(depth(&[]), Depth::None);
    }

    #[test]
    fn the_color_flag_wins_over_the_environment() {
        let env = [("TERM", "xterm-256color"), ("NO_COLOR", "1")];
        let with = |choice| Choices {
            color: Some((choice, Origin::Flag)),
            ..Choices::default()
        };
        assert_eq!(caps(&env, with(ColorChoice::Ansi16)).depth, Depth::Ansi16);
        assert_eq!(caps(&env, with(ColorChoice::Never)).depth, Depth::None);
        assert_eq!(caps(&env, with(ColorChoice::Auto)).depth, Depth::None);
        assert_eq!(
            caps(&env, with(ColorChoice::Ansi256)).depth_from,
            "--color 256"
        );
    }
}
