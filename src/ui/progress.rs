//! The pre-delete manifest in the delete dialog: a progress bar while it is written, then
//! its path; or a plain statement that no manifest will be kept.

use ratatui::text::{Line, Span};

use super::dialog::Keep;
use super::theme::Theme;
use crate::app::State;
use crate::app::collections::export::{Export, Phase};
use crate::app::overlay::confirm::Confirm;
use crate::text::{thousands, time_left, wrap};

/// The manifest's lines in the delete confirmation, each with how readily it goes when the
/// screen is short.
pub fn lines(state: &State, c: &Confirm, theme: &Theme, w: usize) -> Vec<(Keep, Line<'static>)> {
    // While it runs, the label and the bar may go; the counts say enough.
    let running = c.export().is_some_and(|e| e.phase == Phase::Running);
    body(state, c, theme, w)
        .into_iter()
        .enumerate()
        .map(|(i, line)| match running && i < 2 {
            true => (Keep::Detail, line),
            false => (Keep::Essential, line),
        })
        .collect()
}

fn body(state: &State, c: &Confirm, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let para = |text: &str, style| -> Vec<Line<'static>> {
        wrap(text, w)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    let Some(export) = c.export() else {
        let text = if state.settings.manifest {
            "No manifest yet."
        } else {
            "No manifest will be kept (--no-manifest or manifest = false): rekog keeps no \
             record of the faces to rebuild this collection from."
        };
        return para(text, theme.warning);
    };
    match &export.phase {
        Phase::Running => running(export, theme, w),
        Phase::Done(done) if export.ready() => {
            let path = state.mask(&done.path.display().to_string());
            let mut out = para(
                &format!(
                    "Manifest kept ({}): {path}",
                    crate::text::count(done.faces, "face", "faces")
                ),
                theme.title,
            );
            out.truncate(3);
            out
        }
        Phase::Done(done) => para(
            &format!(
                "Manifest incomplete: {} faces written, DescribeCollection said {}. The \
                 collection changed while it was exported; Delete is disabled.",
                thousands(done.faces),
                done.described_faces
                    .map_or_else(|| "nothing".into(), thousands)
            ),
            theme.error,
        ),
        Phase::Failed(why) => para(
            &format!(
                "Manifest failed: {why}. Delete is disabled; restart with --no-manifest to \
                 delete without one."
            ),
            theme.error,
        ),
    }
}

fn running(export: &Export, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let total = export.total.unwrap_or(0);
    let counts = match export.total {
        Some(t) => format!(" {} / {} faces", thousands(export.faces), thousands(t)),
        None => format!(" {} faces", thousands(export.faces)),
    };
    let mut rate = export.rate().map_or_else(String::new, |r| {
        format!(" · {}/s", thousands(r.round() as u64))
    });
    let left = export.total.zip(export.rate());
    if let Some(left) = left.and_then(|(t, r)| time_left(export.faces, t, r)) {
        rate.push_str(&format!(" · {left}"));
    }
    let bar_width = w.saturating_sub(2).min(40);
    vec![
        Line::styled(
            "Exporting the manifest before Delete is possible…",
            theme.dim,
        ),
        Line::from(bar(export.faces, total, bar_width, theme)),
        Line::styled(format!("{counts}{rate}"), theme.dim),
    ]
}

/// A bar of `width` cells, filled as far as `done` is of `total` (empty when the total is
/// not known).
pub fn bar(done: u64, total: u64, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let filled = if total == 0 {
        0
    } else {
        (done.min(total) as f64 / total as f64 * width as f64).round() as usize
    };
    vec![
        Span::styled("█".repeat(filled), theme.title),
        Span::styled("░".repeat(width - filled), theme.dim),
    ]
}
