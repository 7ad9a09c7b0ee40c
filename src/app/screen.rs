//! Where the operator is: the collections table (with the table or the log pane focused),
//! the detail view of one collection, or the fleet view. One value, so that no two places
//! can disagree about it; a fleet view left for one of its regions travels with the screens
//! entered from it, so Esc can return to it.

use super::detail::DetailView;
use super::fleet::Fleet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Table,
    Log,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The collections table. `fleet` is the fleet view it was entered from, if any.
    Table {
        focus: Focus,
        fleet: Option<Box<Fleet>>,
    },
    /// The detail view of one collection (the table's selection stays behind it).
    Detail {
        view: Box<DetailView>,
        fleet: Option<Box<Fleet>>,
    },
    /// The fleet view: every region of the profile, counted.
    Fleet(Box<Fleet>),
}

impl Default for Screen {
    fn default() -> Screen {
        Screen::Table {
            focus: Focus::Table,
            fleet: None,
        }
    }
}

impl Screen {
    /// The detail view, when it is on screen.
    pub fn detail(&self) -> Option<&DetailView> {
        match self {
            Screen::Detail { view, .. } => Some(view),
            Screen::Table { .. } | Screen::Fleet(_) => None,
        }
    }

    pub fn detail_mut(&mut self) -> Option<&mut DetailView> {
        match self {
            Screen::Detail { view, .. } => Some(view),
            Screen::Table { .. } | Screen::Fleet(_) => None,
        }
    }

    /// The fleet view, on screen or behind the screens entered from it.
    pub fn fleet(&self) -> Option<&Fleet> {
        match self {
            Screen::Fleet(fleet)
            | Screen::Table {
                fleet: Some(fleet), ..
            }
            | Screen::Detail {
                fleet: Some(fleet), ..
            } => Some(fleet),
            Screen::Table { fleet: None, .. } | Screen::Detail { fleet: None, .. } => None,
        }
    }

    pub fn fleet_mut(&mut self) -> Option<&mut Fleet> {
        match self {
            Screen::Fleet(fleet)
            | Screen::Table {
                fleet: Some(fleet), ..
            }
            | Screen::Detail {
                fleet: Some(fleet), ..
            } => Some(fleet),
            Screen::Table { fleet: None, .. } | Screen::Detail { fleet: None, .. } => None,
        }
    }

    /// The table or log pane has the keys (no detail view, no fleet view on screen).
    pub fn focus(&self) -> Option<Focus> {
        match self {
            Screen::Table { focus, .. } => Some(*focus),
            Screen::Detail { .. } | Screen::Fleet(_) => None,
        }
    }

    /// Leaves for the table, keeping the fleet view it came from; returns the detail view
    /// that was open, if one was.
    pub fn to_table(&mut self) -> Option<Box<DetailView>> {
        let (screen, view) = match std::mem::take(self) {
            Screen::Detail { view, fleet } => (
                Screen::Table {
                    focus: Focus::Table,
                    fleet,
                },
                Some(view),
            ),
            Screen::Fleet(fleet) => (
                Screen::Table {
                    focus: Focus::Table,
                    fleet: Some(fleet),
                },
                None,
            ),
            table @ Screen::Table { .. } => (table, None),
        };
        *self = screen;
        view
    }

    /// Opens `view`, in place of the detail view open if any (which is returned).
    pub fn to_detail(&mut self, view: DetailView) -> Option<Box<DetailView>> {
        let old = self.to_table();
        let fleet = self.take_fleet();
        *self = Screen::Detail {
            view: Box::new(view),
            fleet,
        };
        old
    }

    /// Shows `fleet` (a detail view open is dropped and returned).
    pub fn to_fleet(&mut self, fleet: Fleet) -> Option<Box<DetailView>> {
        let old = self.to_table();
        *self = Screen::Fleet(Box::new(fleet));
        old
    }

    /// Takes the fleet view out wherever it is; a fleet screen becomes the table.
    pub fn take_fleet(&mut self) -> Option<Box<Fleet>> {
        match self {
            Screen::Table { fleet, .. } | Screen::Detail { fleet, .. } => fleet.take(),
            Screen::Fleet(_) => match std::mem::take(self) {
                Screen::Fleet(fleet) => Some(fleet),
                // Unreachable: `self` was the fleet screen a line above.
                other => {
                    *self = other;
                    None
                }
            },
        }
    }
}
