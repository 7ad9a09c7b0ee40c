//! The typed-ID confirmation every destructive action goes through: where it acts, what
//! it does in plain words, the ID to type, why the last Enter did not go through, and the
//! buttons. The erasure's own parts (its counts, its progress) are in `confirm/erase.rs`.

mod erase;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialog::{Keep, Lines, button, buttons, field, para, popup, popup_width, text_width};
use super::theme::Theme;
use crate::app::State;
use crate::app::overlay::confirm::{Action, Button, Confirm, Count, Match, Phase, Why};
use crate::text::count;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, c: &Confirm, theme: &Theme) {
    let width = popup_width(area);
    let w = text_width(width);
    let title = match c.action {
        Action::DeleteCollection { .. } => " Delete collection ",
        Action::DeleteFaces { .. } => " Delete faces ",
        Action::DeleteUser { .. } => " Delete user ",
        Action::Disassociate { .. } => " Disassociate faces ",
        Action::Erase(_) => " Erase ",
    };
    let lines = lines(state, c, theme, w);
    let look = (title, theme.dialog_title, theme.dialog_border);
    popup(frame, area, width, look, lines, theme);
}

fn collection_warning(faces: Option<u64>, users: Option<u64>) -> String {
    let f = faces.map(|n| count(n, "face", "faces"));
    let u = users.map(|n| count(n, "user", "users"));
    match (f, u) {
        (Some(f), Some(u)) if faces == Some(0) && users == Some(0) => {
            format!("The collection is empty ({f}, {u}). Deleting it cannot be undone.")
        }
        (Some(f), Some(u)) => format!(
            "All {f} and {u} in this collection will be permanently removed. \
             This cannot be undone."
        ),
        (Some(f), None) => format!(
            "All {f} and every user (how many is not known) in this collection will be \
             permanently removed. This cannot be undone."
        ),
        (None, Some(u)) => format!(
            "All faces (how many is not known) and {u} in this collection will be \
             permanently removed. This cannot be undone."
        ),
        (None, None) => "How many faces and users it holds is not known yet. All of them \
                         will be permanently removed. This cannot be undone."
            .to_owned(),
    }
}

/// What the ID prompt and the buttons say for an action.
struct Words {
    prompt: &'static str,
    /// Counts how much of a long ID is typed so far.
    progress: bool,
    /// `deletes`, as in "Enter deletes".
    verb: &'static str,
    button: String,
}

/// The profile line of the place the action was confirmed for.
fn profile(state: &State, c: &Confirm) -> String {
    super::dialog::profile_shown(c.context.profile.as_deref(), state.session.demo)
}

/// The ticket line: being typed (after Ctrl-T), the session's, or how to set one. Kept on a
/// small screen once there is a ticket to show.
fn ticket(state: &State, c: &Confirm, theme: &Theme) -> (Keep, Line<'static>) {
    match (&c.ticket, &state.settings.ticket) {
        (Some(draft), _) => {
            let line = Line::from(vec![
                Span::styled(format!("{:<12}", "Ticket"), theme.dim),
                Span::styled(format!("{}_", theme.data(draft)), theme.input_partial),
                Span::styled("  Enter keeps, Esc undoes", theme.dim),
            ]);
            (Keep::Essential, line)
        }
        (None, Some(ticket)) => (
            Keep::Essential,
            field("Ticket", theme.data(ticket).into_owned(), theme),
        ),
        (None, None) if c.phase == Phase::Editing => {
            let line = Line::from(vec![
                Span::styled(format!("{:<12}", "Ticket"), theme.dim),
                Span::styled("none (Ctrl-T to type one)", theme.dim),
            ]);
            (Keep::Detail, line)
        }
        (None, None) => (Keep::Detail, field("Ticket", "none".into(), theme)),
    }
}

fn lines(state: &State, c: &Confirm, theme: &Theme, w: usize) -> Lines {
    let mut lines = Lines::default();
    let account = c.context.account.clone();
    lines.field(Keep::Essential, "Collection", c.id.to_string(), theme, w);
    let account = account.unwrap_or_else(|| "unknown".into());
    lines.field(Keep::Essential, "Account", account, theme, w);
    let region = c.context.region.clone();
    lines.field(Keep::Essential, "Region", region, theme, w);
    let (keep, ticket) = ticket(state, c, theme);
    lines.push(keep, ticket);
    let typed_collection = Words {
        prompt: "Type the collection ID to confirm:",
        progress: true,
        verb: "deletes",
        button: "Delete".into(),
    };
    let many_faces = |verb, button| Words {
        prompt: "More than 10 faces: type the collection ID to confirm:",
        progress: false,
        verb,
        button,
    };
    let words = match &c.action {
        Action::DeleteCollection { faces, users, .. } => {
            lines.field(Keep::Detail, "Profile", profile(state, c), theme, w);
            lines.spacer();
            lines.extend(
                Keep::Essential,
                para(&collection_warning(*faces, *users), theme.warning, w),
            );
            lines.spacer();
            for (keep, line) in super::progress::lines(state, c, theme, w) {
                lines.push(keep, line);
            }
            typed_collection
        }
        Action::DeleteFaces { face_ids } => {
            let n = count(face_ids.len() as u64, "face", "faces");
            lines.spacer();
            let warning = format!(
                "{n} will be permanently deleted from {}. A deleted face can only come back by \
                 indexing its image again. This cannot be undone.",
                c.id
            );
            lines.extend(Keep::Essential, para(&warning, theme.warning, w));
            many_faces("deletes", format!("Delete {n}"))
        }
        Action::DeleteUser { user, faces } => {
            lines.field(Keep::Essential, "User", user.to_string(), theme, w);
            lines.spacer();
            let held = match faces {
                Count::Known(n) => format!("It holds {}", count(*n, "face", "faces")),
                Count::Counting { so_far, .. } => format!(
                    "How many faces it holds is not known yet ({} counted so far)",
                    count(*so_far, "face", "faces")
                ),
                Count::Unknown(why) => {
                    format!("How many faces it holds is not known (counting failed: {why})")
                }
            };
            let warning = format!(
                "User {user} will be permanently deleted from {}. {held}; they stay in the \
                 collection, associated with no user. This cannot be undone.",
                c.id
            );
            lines.extend(Keep::Essential, para(&warning, theme.warning, w));
            Words {
                prompt: "Type the user ID to confirm:",
                progress: true,
                verb: "deletes",
                button: "Delete user".into(),
            }
        }
        Action::Disassociate { faces } => {
            let n = count(faces.len() as u64, "face", "faces");
            let mut users: Vec<&str> = Vec::new();
            for (_, user) in faces {
                if !users.contains(&user.as_str()) {
                    users.push(user);
                }
            }
            lines.spacer();
            let warning = format!(
                "{n} will be taken off their {} ({}). The faces stay in {}; a user left \
                 without faces no longer matches anyone.",
                if users.len() == 1 { "user" } else { "users" },
                users.join(", "),
                c.id
            );
            lines.extend(Keep::Essential, para(&warning, theme.warning, w));
            many_faces("disassociates", format!("Disassociate {n}"))
        }
        Action::Erase(erasing) => {
            lines.field(Keep::Detail, "Profile", profile(state, c), theme, w);
            erase::facts(&mut lines, c, erasing, theme, w);
            if erasing.run.is_some() {
                erase::progress(&mut lines, c, erasing, theme, w);
                return lines;
            }
            Words {
                prompt: "Type the collection ID to confirm:",
                progress: true,
                verb: "erases",
                button: "Erase".into(),
            }
        }
    };
    lines.spacer();
    if c.typing {
        typed_id(&mut lines, c, &words, theme, w);
    }
    let notice = match &c.notice {
        _ if c.phase == Phase::Verifying => {
            Some("Checking the collection once more before deleting…".to_owned())
        }
        None => None,
        Some(Why::Mismatch) => Some(format!(
            "That does not match. Type {} exactly, or press Esc to cancel.",
            c.expected()
        )),
        Some(Why::Changed { was, now }) => Some(format!(
            "Not deleted: it had {} when this dialog opened and now has {}. \
             Review the new count and confirm again.",
            count(*was, "face", "faces"),
            now.map_or_else(|| "an unknown number".into(), |n| count(n, "face", "faces")),
        )),
        Some(Why::CheckFailed(why)) => Some(format!(
            "Not deleted: the check before deleting failed ({why}). Enter retries."
        )),
    };
    if let Some(notice) = notice {
        let style = if c.phase == Phase::Verifying {
            theme.dim
        } else {
            theme.error
        };
        lines.extend(Keep::Fixed, para(&notice, style, w));
    }
    lines.spacer();
    let enabled = c.delete_enabled();
    lines.push(
        Keep::Fixed,
        buttons(vec![
            button("Cancel", c.focus == Button::Cancel, true, theme),
            button(
                &words.button,
                c.focus == Button::Delete && enabled,
                enabled,
                theme,
            ),
        ]),
    );
    lines
}

/// The prompt, the input showing how it matches, and what the match means.
fn typed_id(lines: &mut Lines, c: &Confirm, words: &Words, theme: &Theme, w: usize) {
    lines.extend(
        Keep::Fixed,
        para(words.prompt, ratatui::style::Style::new(), w),
    );
    let expected = c.expected();
    let (style, status) = match c.matching() {
        Match::Empty => (theme.dim, String::new()),
        Match::Partial if words.progress => (
            theme.input_partial,
            format!(
                "matches so far ({} of {} characters)",
                c.input.chars().count(),
                expected.chars().count()
            ),
        ),
        Match::Partial => (theme.input_partial, String::new()),
        Match::Mismatch if words.progress => (theme.input_mismatch, "does not match".to_owned()),
        Match::Mismatch => (theme.input_mismatch, String::new()),
        Match::Full => (theme.input_full, format!("✓ matches: Enter {}", words.verb)),
    };
    lines.push(
        Keep::Fixed,
        Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(c.input.clone(), style),
            Span::styled("▏", theme.key),
        ]),
    );
    if !status.is_empty() {
        lines.push(Keep::Fixed, Line::styled(status, style));
    }
}
