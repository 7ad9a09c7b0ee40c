//! The erasure dialog's own parts: the faces and users it names with what will happen to
//! them, and once confirmed its progress and how it ended.

use ratatui::text::Line;

use crate::app::detail::erase::{Erasing, Faces};
use crate::app::overlay::confirm::{Confirm, Phase};
use crate::text::{count, thousands};
use crate::ui::dialog::{Keep, Lines, button, buttons, field, para};
use crate::ui::theme::Theme;

/// How many faces, which users, and the warning.
pub(super) fn facts(lines: &mut Lines, c: &Confirm, erasing: &Erasing, theme: &Theme, w: usize) {
    let faces = match &erasing.faces {
        Faces::Found(faces) => thousands(faces.len() as u64),
        Faces::Finding { so_far, .. } => format!("finding… {} so far", thousands(*so_far)),
        Faces::Failed(why) => format!("not found: {why}"),
    };
    let room = w.saturating_sub(12);
    let faces = crate::ui::detail::fit(faces, room);
    lines.push(Keep::Essential, field("Faces", faces, theme));
    let owners = erasing.owners();
    let users = match (erasing.users.is_empty(), owners.is_empty()) {
        (true, false) => {
            let stay = format!("none deleted; {} stay", owners.join(", "));
            crate::ui::detail::fit(stay, room)
        }
        _ => {
            let named: Vec<String> = erasing.users.iter().map(|u| u.to_string()).collect();
            names(&named, room)
        }
    };
    lines.push(Keep::Essential, field("Users", users, theme));
    let from = crate::ui::detail::fit(erasing.search.clone(), room);
    lines.push(Keep::Detail, field("From", from, theme));
    let mut kept = match erasing.keep_names {
        true => "clear text in the manifest".to_owned(),
        false => "HMAC-SHA256 in the manifest".to_owned(),
    };
    if c.phase == Phase::Editing {
        kept.push_str(match erasing.keep_names {
            true => " (Ctrl-N: HMAC-SHA256)",
            false => " (Ctrl-N: keep clear text)",
        });
    }
    let kept = crate::ui::detail::fit(kept, room);
    lines.push(Keep::Detail, field("Names", kept, theme));
    lines.spacer();
    let users = match (erasing.users.len(), owners.is_empty()) {
        (0, true) => String::new(),
        (0, false) => format!(" Their users ({}) stay.", owners.join(", ")),
        (1, _) => " The user is deleted too once it has no face left.".to_owned(),
        _ => " Each user is deleted too once it has no face left.".to_owned(),
    };
    let warning = match &erasing.faces {
        Faces::Found(faces) if faces.is_empty() => format!(
            "No face was found; only the user will be deleted from {}. This cannot be undone.",
            c.id
        ),
        Faces::Found(faces) => format!(
            "{} will be permanently erased from {}: taken off any user, then deleted.{users} \
             A manifest of what is erased is written first and the audit trail records it. \
             This cannot be undone.",
            count(faces.len() as u64, "face", "faces"),
            c.id
        ),
        Faces::Finding { .. } => format!(
            "Every face of the user will be permanently erased from {}, then the user. This \
             cannot be undone. Erase is possible once the faces are found.",
            c.id
        ),
        Faces::Failed(_) => "The faces could not be found, so nothing can be erased; close \
                             and try again."
            .to_owned(),
    };
    lines.extend(Keep::Essential, para(&warning, theme.warning, w));
}

/// The running erasure, or how it ended, in place of the input and the buttons.
pub(super) fn progress(lines: &mut Lines, c: &Confirm, erasing: &Erasing, theme: &Theme, w: usize) {
    let Some(run) = &erasing.run else {
        return;
    };
    lines.spacer();
    let head = match &run.ended {
        None => format!("Erasing… {}", run.doing()),
        Some(Ok(_)) => "Erased.".to_owned(),
        Some(Err(_)) => "The erasure did not erase everything it names.".to_owned(),
    };
    lines.push(Keep::Fixed, Line::styled(head, theme.title));
    let total = erasing.faces().map_or(0, |f| f.len() as u64);
    let mut counts = format!(
        "{} of {} erased",
        thousands(run.faces_erased),
        count(total, "face", "faces")
    );
    if !erasing.users.is_empty() {
        let users = count(erasing.users.len() as u64, "user", "users");
        counts.push_str(&format!(
            " · {} of {users} erased",
            thousands(run.users_erased)
        ));
    }
    counts.push_str(&format!(" · {} refused", thousands(run.refused)));
    lines.push(Keep::Fixed, Line::styled(counts, theme.dim));
    if let Some(path) = &run.manifest {
        lines.extend(
            Keep::Detail,
            para(&format!("Manifest: {path}"), theme.dim, w),
        );
    }
    let running = match run.quit_after {
        false => "An erasure runs to its end once started; each call goes to the log pane.",
        true => "rekog quits when the erasure ends (Ctrl-C again quits now).",
    };
    match &run.ended {
        None => lines.extend(Keep::Fixed, para(running, theme.dim, w)),
        Some(Ok(summary)) => lines.extend(Keep::Fixed, para(summary, theme.input_full, w)),
        Some(Err(why)) => lines.extend(Keep::Fixed, para(why, theme.error, w)),
    }
    if let (Some(_), Some(id)) = (&run.ended, &run.receipt) {
        let receipt = format!("Receipt: rekog audit --receipt {id}");
        lines.extend(Keep::Detail, para(&receipt, theme.dim, w));
    }
    if c.phase == Phase::Finished {
        lines.spacer();
        lines.push(
            Keep::Fixed,
            buttons(vec![button("Close", true, true, theme)]),
        );
    }
}

/// `a, b, c`, or as many as fit in `room` and `and N more`.
fn names(users: &[String], room: usize) -> String {
    if users.is_empty() {
        return "none".to_owned();
    }
    let all = users.join(", ");
    if all.chars().count() <= room {
        return all;
    }
    let mut shown = String::new();
    for (i, user) in users.iter().enumerate() {
        let more = format!(", … and {} more", users.len() - i);
        let next = if shown.is_empty() {
            user.clone()
        } else {
            format!("{shown}, {user}")
        };
        if next.chars().count() + more.chars().count() > room {
            return if shown.is_empty() {
                crate::text::count(users.len() as u64, "user", "users")
            } else {
                format!("{shown}{more}")
            };
        }
        shown = next;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn users_that_do_not_fit_are_counted() {
        let users: Vec<String> = (1..=9).map(|i| format!("user-00000{i}")).collect();
        assert_eq!(names(&users[..2], 40), "user-000001, user-000002");
        let shown = names(&users, 40);
        assert_eq!(shown, "user-000001, user-000002, … and 7 more");
        assert!(shown.chars().count() <= 40);
        assert_eq!(names(&users, 10), "9 users");
        assert_eq!(names(&[], 10), "none");
    }
}
