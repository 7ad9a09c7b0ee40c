//! The top line: what rekog is pointed at and how it may act.
//!
//! The region and the account are what an operator checks before a change, so they are
//! never cut: when the line is wider than the terminal, the other fields give way, in a
//! fixed order: first to shorter forms that keep what the rest of the line does not already
//! say, then cut, and gone where even cut they do not fit. A value is cut only with a mark
//! (`…`), and never inside a run of digits, so that no part of an account id shows, not
//! even under `--mask`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::State;

const NAME: &str = concat!("rekog ", env!("CARGO_PKG_VERSION"));

/// One item of the line, in the order it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    kind: Kind,
    /// Its label (`region`), empty for the name and the badges.
    label: &'static str,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Demo,
    ReadOnly,
    Profile,
    Via,
    Region,
    Endpoint,
    Account,
    Caller,
}

/// What the header says, before it is fitted to a width.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    items: Vec<Item>,
}

/// How the line gives way first, tried in this order until it fits.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// The caller's ARN without its `arn:aws:sts::ACCOUNT:` (the account is on the line).
    CallerResource,
    /// The role without `arn:aws:iam::` and, when the line shows it, the account.
    ViaResource,
    /// The endpoint without its `https://`.
    EndpointHost,
    /// `rekog` without its version.
    NameOnly,
    /// The item goes: the account says where the calls go, and `rekog doctor` or the log
    /// says the rest.
    Drop(Kind),
}

const STEPS: [Step; 5] = [
    Step::CallerResource,
    Step::ViaResource,
    Step::EndpointHost,
    Step::Drop(Kind::Caller),
    Step::NameOnly,
];

/// Then the values that may be cut, in this order, each to no fewer columns than this. An
/// endpoint keeps its host's start and its domain, the others their start.
const CUTS: [(Kind, usize); 3] = [(Kind::Endpoint, 24), (Kind::Profile, 12), (Kind::Via, 16)];

/// The items that go, in this order, when even their cut forms leave the line too wide.
const DROPS: [Kind; 4] = [Kind::Endpoint, Kind::Profile, Kind::Via, Kind::Name];

pub fn draw(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let header = Header::of(state).fitted(usize::from(area.width));
    frame.render_widget(Paragraph::new(header.line(theme)).style(theme.header), area);
}

impl Header {
    fn of(state: &State) -> Header {
        let session = &state.session;
        let mut items = vec![Item {
            kind: Kind::Name,
            label: "",
            text: NAME.to_owned(),
        }];
        let badge = |kind, text: &str| Item {
            kind,
            label: "",
            text: text.to_owned(),
        };
        if session.demo {
            items.push(badge(Kind::Demo, "DEMO"));
        }
        if session.read_only {
            items.push(badge(Kind::ReadOnly, "READ-ONLY"));
        }
        let field = |kind, label, text: String| Item { kind, label, text };
        if let Some(profile) = session.profile.as_ref().filter(|_| !session.demo) {
            items.push(field(Kind::Profile, "profile", profile.clone()));
        }
        if let Some(role) = &session.role {
            // The chain: the profile's (or the demo's) credentials, then this role.
            items.push(field(Kind::Via, "via", format!("→ {role}")));
        }
        items.push(field(Kind::Region, "region", session.region.clone()));
        // DEMO says where the demo's calls go.
        if let Some(endpoint) = session.endpoint.as_ref().filter(|_| !session.demo) {
            items.push(field(Kind::Endpoint, "endpoint", endpoint.clone()));
        }
        if let Some(identity) = &state.identity {
            if let Some(account) = &identity.account {
                items.push(field(Kind::Account, "account", account.clone()));
            }
            if let Some(arn) = &identity.arn {
                items.push(field(Kind::Caller, "caller", arn.clone()));
            }
        }
        Header { items }
    }

    /// The header as it fits `width` columns: whole while it fits, else given way: the
    /// [`STEPS`], then the [`DROPS`] that even the [`CUTS`] could not spare, then the cuts
    /// that are needed. Past the last it is drawn as far as it goes.
    fn fitted(mut self, width: usize) -> Header {
        for step in STEPS {
            if self.width() <= width {
                return self;
            }
            self.apply(step);
        }
        for kind in DROPS {
            if self.width_cut() <= width {
                break;
            }
            self.items.retain(|i| i.kind != kind);
        }
        for (kind, min) in CUTS {
            let over = self.width().saturating_sub(width);
            if over == 0 {
                break;
            }
            let how = if kind == Kind::Endpoint {
                squeeze
            } else {
                cut_end
            };
            self.edit(kind, |text| {
                let now = columns(text);
                if now > min {
                    *text = how(text, now.saturating_sub(over).max(min));
                }
            });
        }
        // The version went before a drop that made room for it.
        let spare = width.saturating_sub(self.width());
        self.edit(Kind::Name, |name| {
            if NAME.len().saturating_sub(name.len()) <= spare {
                *name = NAME.to_owned();
            }
        });
        self
    }

    fn apply(&mut self, step: Step) {
        let account = self.text_of(Kind::Account).map(str::to_owned);
        match step {
            Step::CallerResource => self.edit(Kind::Caller, |arn| {
                if account.is_some() {
                    *arn = resource(arn).to_owned();
                }
            }),
            Step::ViaResource => self.edit(Kind::Via, |via| {
                let arn = via.trim_start_matches("→ ");
                let shown = account.as_deref() == crate::text::account_of(arn);
                let short = match crate::text::account_of(arn) {
                    Some(id) if !shown => format!("{id}:{}", resource(arn)),
                    _ => resource(arn).to_owned(),
                };
                *via = format!("→ {short}");
            }),
            Step::EndpointHost => self.edit(Kind::Endpoint, |url| {
                let host = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
                *url = host.trim_end_matches('/').to_owned();
            }),
            Step::NameOnly => self.edit(Kind::Name, |name| *name = "rekog".to_owned()),
            Step::Drop(kind) => self.items.retain(|i| i.kind != kind),
        }
    }

    fn text_of(&self, kind: Kind) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.kind == kind)
            .map(|i| i.text.as_str())
    }

    fn edit(&mut self, kind: Kind, change: impl FnOnce(&mut String)) {
        if let Some(item) = self.items.iter_mut().find(|i| i.kind == kind) {
            change(&mut item.text);
        }
    }

    fn width(&self) -> usize {
        self.items.iter().map(Item::width).sum()
    }

    /// The width with every value of [`CUTS`] cut as far as it may be.
    fn width_cut(&self) -> usize {
        let spared: usize = CUTS
            .iter()
            .filter_map(|(kind, min)| Some(columns(self.text_of(*kind)?).saturating_sub(*min)))
            .sum();
        self.width() - spared
    }

    fn line(&self, theme: &Theme) -> Line<'static> {
        let mut spans = Vec::new();
        for item in &self.items {
            let (before, value) = match item.kind {
                Kind::Name => (theme.header, theme.app_name),
                Kind::Demo => (theme.header, theme.badge_demo),
                Kind::ReadOnly => (theme.header, theme.badge_read_only),
                _ => (theme.label, theme.header),
            };
            let prefix = item.prefix();
            if !prefix.is_empty() {
                spans.push(Span::styled(prefix, before));
            }
            spans.push(Span::styled(item.shown(), value));
        }
        Line::from(spans)
    }
}

impl Item {
    /// What stands before its value: the space that parts it from the item before, and a
    /// field's label.
    fn prefix(&self) -> String {
        match self.kind {
            Kind::Name => String::new(),
            Kind::Demo | Kind::ReadOnly => " ".to_owned(),
            _ => format!("  {} ", self.label),
        }
    }

    /// Its value as drawn: the name and the badges are padded with a space each side.
    fn shown(&self) -> String {
        match self.kind {
            Kind::Name | Kind::Demo | Kind::ReadOnly => format!(" {} ", self.text),
            _ => self.text.clone(),
        }
    }

    fn width(&self) -> usize {
        columns(&self.prefix()) + columns(&self.shown())
    }
}

fn columns(text: &str) -> usize {
    Span::raw(text).width()
}

/// An ARN's resource (`assumed-role/ops/jane`, `role/Admin`), or the whole text when it is
/// not an ARN.
fn resource(arn: &str) -> &str {
    match arn.splitn(6, ':').nth(5) {
        Some(rest) if arn.starts_with("arn:") && !rest.is_empty() => rest,
        _ => arn,
    }
}

/// Cuts `text` to `width` columns with `…` at the end, before a run of digits rather than
/// inside one.
fn cut_end(text: &str, width: usize) -> String {
    super::detail::fit(text.to_owned(), width)
}

/// Cuts `text` to `width` columns with `…` in the middle, keeping its start and its end
/// (an endpoint's host name and its domain).
fn squeeze(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(1);
    let tail_len = room / 2;
    let head = crate::text::head(text, room - tail_len);
    let tail = crate::text::tail(text, tail_len);
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests;
