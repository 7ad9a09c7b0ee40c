//! The region and profile pickers: a list with the current entry marked, narrowed by what
//! is typed, Enter switching to the selected entry.

use crate::app::settings::ProfileChoice;
use crate::aws::regions;

/// What the picker picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Region,
    Profile,
}

/// One entry: the value switched to, and the text shown and matched beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub value: String,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: Kind,
    pub items: Vec<Item>,
    pub filter: String,
    /// Index into [`Picker::shown`].
    pub selected: usize,
}

impl Picker {
    /// The regions of `only` (config.toml) or every region Rekognition is offered in within
    /// the partition of `current`, the session's.
    pub fn regions(only: Option<&[String]>, current: &str) -> Picker {
        let items = regions::offered(only, Some(current))
            .into_iter()
            .map(|(code, name)| Item {
                current: code == current,
                label: name.unwrap_or("").to_owned(),
                value: code,
            })
            .collect();
        Picker::new(Kind::Region, items)
    }

    pub fn profiles(choices: &[ProfileChoice], current: Option<&str>) -> Picker {
        let items = choices
            .iter()
            .map(|p| Item {
                value: p.name.clone(),
                label: match &p.region {
                    Some(region) => format!("{}, {region}", p.kind),
                    None => p.kind.to_owned(),
                },
                current: current == Some(p.name.as_str()),
            })
            .collect();
        Picker::new(Kind::Profile, items)
    }

    fn new(kind: Kind, items: Vec<Item>) -> Picker {
        let selected = items.iter().position(|i| i.current).unwrap_or(0);
        Picker {
            kind,
            items,
            filter: String::new(),
            selected,
        }
    }

    /// The entries matching the filter (case-insensitive, in the value or the label).
    pub fn shown(&self) -> Vec<&Item> {
        let needle = self.filter.to_lowercase();
        self.items
            .iter()
            .filter(|i| {
                needle.is_empty()
                    || i.value.to_lowercase().contains(&needle)
                    || i.label.to_lowercase().contains(&needle)
            })
            .collect()
    }

    pub fn chosen(&self) -> Option<&Item> {
        self.shown().get(self.selected).copied()
    }

    pub fn type_char(&mut self, c: char) {
        self.filter.push(c);
        self.selected = 0;
    }

    pub fn backspace(&mut self) {
        self.filter.pop();
        self.selected = 0;
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.shown().len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_region_is_marked_and_selected_and_typing_narrows() {
        let only = vec!["us-east-1".to_owned(), "eu-west-1".to_owned()];
        let mut picker = Picker::regions(Some(&only), "eu-west-1");
        assert_eq!(picker.chosen().map(|i| i.value.as_str()), Some("eu-west-1"));
        assert!(picker.items[1].current && !picker.items[0].current);
        picker.type_char('v');
        picker.type_char('i');
        assert_eq!(picker.shown().len(), 1, "only US East (N. Virginia)");
        assert_eq!(picker.chosen().map(|i| i.value.as_str()), Some("us-east-1"));
        picker.type_char('x');
        assert_eq!(picker.chosen(), None);
        picker.backspace();
        picker.move_by(5);
        assert_eq!(picker.selected, 0);
    }

    #[test]
    fn profiles_show_their_kind_and_region() {
        let choices = vec![ProfileChoice {
            name: "prod".into(),
            kind: "role with MFA",
            region: Some("eu-west-1".into()),
        }];
        let picker = Picker::profiles(&choices, Some("prod"));
        assert_eq!(picker.items[0].label, "role with MFA, eu-west-1");
        assert!(picker.items[0].current);
    }
}
