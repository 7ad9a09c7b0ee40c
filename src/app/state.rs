//! The state the core keeps, and the helpers every slice shares: where the operator is,
//! the mode keys are read in, the log, the audit intents made from what the screen showed,
//! and what the table knows of the account.

use super::collections::export::Phase;
use super::collections::{self, Detail, Table};
use super::detail::{self, Pane};
use super::fleet;
use super::layout::{log_cols, log_rows, too_small};
use super::log::{self, Call, Entry, Level, Log};
use super::msg::{Command, Timestamp};
use super::overlay::confirm::{self, Place};
use super::overlay::help::Help;
use super::overlay::{Notice, Overlay};
use super::session::Identity;
use super::settings::{Settings, mask_accounts};
use super::switch::Switch;
use super::{Focus, Screen};
use crate::audit::{Intent, Operation};
use crate::aws::api::{ApiError, CollectionDetail};
use crate::context::Session;
use crate::text::account_of;

/// What the keys mean right now; also what the footer lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    TooSmall,
    Help,
    /// A typed-ID confirmation (delete a collection, faces or a user, disassociate, erase).
    Confirm,
    Create,
    /// The UserId form (create a user, associate faces with one).
    UserForm,
    Notice,
    Filter,
    /// The detail view's search input.
    Search,
    Table,
    Log,
    /// The detail view of one collection, its faces list having the keys.
    Detail,
    /// The detail view with its users list.
    Users,
    /// The region or profile picker.
    Picker,
    /// The MFA code for a switch.
    Mfa,
    /// The fleet view: every region of the profile, counted.
    Fleet,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub session: Session,
    /// What the operator chose at start: protection, manifests, masking, regions, profiles.
    pub settings: Settings,
    /// The caller, as STS GetCallerIdentity said.
    pub identity: Option<Identity>,
    /// When each throttled operation was last told of in the log pane.
    pub throttles: std::collections::BTreeMap<String, Timestamp>,
    /// The collections table: rows, describes, listing, deletes in flight.
    pub table: Table,
    /// Where the operator is: the table, the detail view or the fleet view.
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub log: Log,
    pub width: u16,
    pub height: u16,
    /// The number of the last search started: a search's results carry it, so late ones
    /// for a search no longer shown find no owner.
    pub serial: u64,
    /// The time of the latest message: ages on screen are counted from it.
    pub now: Timestamp,
    /// A switch of profile or region on its way.
    pub switch: Switch,
    /// The generation of the latest fleet opened: answers carry theirs.
    pub fleets: u64,
    pub(in crate::app) quit: bool,
}

impl State {
    pub fn new(session: Session) -> State {
        let log = Log {
            ascii: session.caps.ascii(),
            ..Log::default()
        };
        State {
            session,
            settings: Settings::default(),
            identity: None,
            throttles: std::collections::BTreeMap::new(),
            table: Table::default(),
            screen: Screen::default(),
            overlay: None,
            log,
            // Until the first Msg::Resize, assume the classic terminal.
            width: 80,
            height: 24,
            serial: 0,
            now: 0,
            switch: Switch::default(),
            fleets: 0,
            quit: false,
        }
    }

    /// Commands to run at start (the first ListPage, and the fleet's with `--all-regions`).
    pub fn start(&mut self) -> Vec<Command> {
        let mut out = self.table.refresh();
        if self.settings.all_regions || self.settings.fleet_wide {
            out.extend(fleet::view::reload(self));
        }
        out
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// A change is in flight: an erasure running, or a collection being deleted. A signal
    /// waits for it to end (stopped before its next call) before rekog exits.
    pub fn changing(&self) -> bool {
        let erasing = matches!(
            &self.overlay,
            Some(Overlay::Confirm(c)) if c.phase == crate::app::overlay::confirm::Phase::Running
        );
        erasing || !self.table.deleting.is_empty()
    }

    pub fn mode(&self) -> Mode {
        if too_small(self.width, self.height) {
            return Mode::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Create(_)) => Mode::Create,
            Some(Overlay::UserForm(_)) => Mode::UserForm,
            Some(Overlay::Notice(_)) => Mode::Notice,
            Some(Overlay::Filter) => Mode::Filter,
            Some(Overlay::Search(_)) => Mode::Search,
            Some(Overlay::Picker(_)) => Mode::Picker,
            Some(Overlay::Mfa(_)) => Mode::Mfa,
            None => match &self.screen {
                Screen::Detail { view, .. } if view.pane == Pane::Users => Mode::Users,
                Screen::Detail { .. } => Mode::Detail,
                Screen::Fleet(_) => Mode::Fleet,
                Screen::Table {
                    focus: Focus::Log, ..
                } => Mode::Log,
                Screen::Table {
                    focus: Focus::Table,
                    ..
                } => Mode::Table,
            },
        }
    }

    /// The detail view, when it is on screen.
    pub fn detail(&self) -> Option<&detail::DetailView> {
        self.screen.detail()
    }

    pub fn detail_mut(&mut self) -> Option<&mut detail::DetailView> {
        self.screen.detail_mut()
    }

    /// The fleet view, on screen or behind the table entered from it.
    pub fn fleet(&self) -> Option<&fleet::Fleet> {
        self.screen.fleet()
    }

    pub fn fleet_mut(&mut self) -> Option<&mut fleet::Fleet> {
        self.screen.fleet_mut()
    }

    /// The open typed-ID confirmation, if any.
    pub fn confirm(&self) -> Option<&confirm::Confirm> {
        match &self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    pub fn confirm_mut(&mut self) -> Option<&mut confirm::Confirm> {
        match &mut self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// Appends to the log pane, wrapped at the current width.
    pub(crate) fn push_log(&mut self, entry: Entry) {
        self.log.push(entry, log_cols(self.width));
    }

    pub(crate) fn warn(&mut self, at: Timestamp, text: String) {
        self.push_log(Entry {
            at,
            level: Level::Warn,
            text,
            hint: None,
        });
    }

    /// Closes the overlay. Closing a confirmation also stops its manifest export or the
    /// search it waited for, and runs the refresh it held back.
    pub(crate) fn close_overlay(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        if let Some(Overlay::Confirm(confirm)) = self.overlay.take() {
            out.extend(collections::export::cancel(&confirm));
            out.extend(confirm.action.cancel_find());
            if std::mem::take(&mut self.table.refresh_deferred) {
                out.extend(self.table.refresh());
            }
        }
        out
    }

    /// `text` with every known account id replaced by `MASK` when masking is on.
    pub fn mask(&self, text: &str) -> String {
        if !self.settings.mask {
            return text.to_owned();
        }
        mask_accounts(text)
    }

    /// The account to record and show: the one in the collection's ARN, else the caller's
    /// (GetCallerIdentity), else one read from another collection's ARN.
    pub fn known_account(&self, arn: Option<&str>) -> Option<String> {
        arn.and_then(account_of)
            .map(str::to_owned)
            .or_else(|| self.identity.as_ref()?.account.clone())
            .or_else(|| self.account())
    }

    /// The audit intent for `operation` on `id` in `context` (what the operator saw in the
    /// dialog), with everything the state knows of who. `detail` is the latest describe,
    /// whose counts the operator confirmed.
    pub fn intent(
        &self,
        operation: Operation,
        id: &str,
        detail: Option<&CollectionDetail>,
        context: &Place,
    ) -> Intent {
        let mut intent = Intent::new(operation, id, &context.region);
        intent.account = context.account.clone();
        intent.collection_arn = detail.and_then(|d| d.arn.clone());
        intent.caller_arn = self.identity.as_ref().and_then(|i| i.arn.clone());
        intent.profile = context.profile.clone();
        intent.endpoint = self.session.endpoint.clone();
        intent.face_count = detail.and_then(|d| d.face_count);
        intent.user_count = detail.and_then(|d| d.user_count);
        if let Some(confirm) = self.confirm().filter(|c| c.id == id)
            && let Some(Phase::Done(done)) = confirm.export().map(|e| &e.phase)
        {
            intent.manifest = Some(done.path.clone());
            intent.manifest_sha256 = Some(done.sha256.clone());
        }
        intent
    }

    /// The audit intent for a change to `user` of `id` or to which faces belong to it, in
    /// `context` (what a dialog showed) or else the open view's. It counts what the call
    /// acts on: one user; callers set the faces.
    pub fn user_intent(
        &self,
        operation: Operation,
        id: &str,
        user: &str,
        context: Option<&Place>,
    ) -> Intent {
        let arn = self.detail().filter(|v| v.id == id).and_then(|v| v.arn());
        let context = context.cloned().unwrap_or_else(|| self.context_of(arn));
        let mut intent = self.intent(operation, id, None, &context);
        intent.collection_arn = arn.map(str::to_owned);
        intent.user_count = Some(1);
        intent.user_id = Some(user.to_owned());
        intent
    }

    /// Where an action on a collection with this ARN acts: the session's region and
    /// profile, and the account of the ARN, else the caller's, else another collection's.
    pub fn context_of(&self, arn: Option<&str>) -> Place {
        Place {
            region: self.session.region.clone(),
            account: self.known_account(arn),
            // The role chain too, so that a record names how its account was reached.
            profile: self.session.chain(),
        }
    }

    /// In read-only mode every mutation is refused the same way: a notice that says what
    /// was not done, and a line in the log pane. Returns whether it was refused.
    pub(crate) fn refuse_read_only(
        &mut self,
        op: &str,
        what: &str,
        verb: &str,
        now: Timestamp,
    ) -> bool {
        if !self.session.read_only {
            return false;
        }
        self.warn(
            now,
            format!("{op}: refused, rekog is read-only (--read-only or REKOG_READ_ONLY=1)"),
        );
        self.overlay = Some(Overlay::Notice(Notice::ReadOnly {
            what: what.to_owned(),
            verb: verb.to_owned(),
        }));
        true
    }

    /// The account, from any ARN a describe has shown (all collections share it).
    pub fn account(&self) -> Option<String> {
        self.table.cache.values().find_map(|c| match &c.detail {
            Detail::Loaded(d) => d.arn.as_deref().and_then(account_of).map(str::to_owned),
            Detail::Failed(_) => None,
        })
    }

    /// The ARN an IAM policy must allow for a call on `id` (or on every collection).
    pub fn resource(&self, id: Option<&str>) -> String {
        if let Some(arn) = id.and_then(|id| self.table.loaded(id)?.arn.clone()) {
            return arn;
        }
        let account = self.account().unwrap_or_else(|| "<account>".into());
        format!(
            "arn:aws:rekognition:{}:{account}:collection/{}",
            self.session.region,
            id.unwrap_or("*")
        )
    }

    fn endpoint(&self) -> String {
        match &self.session.endpoint {
            Some(url) => url.clone(),
            None => format!("rekognition.{}.amazonaws.com", self.session.region),
        }
    }

    /// An error entry for a call, with its hint.
    pub(crate) fn log_error(&mut self, call: Call<'_>, err: &ApiError, at: Timestamp) {
        let hint = log::hint(call.op, err, &self.resource(call.target), &self.endpoint());
        let entry = call.entry(at, Level::Error, &log::describe_error(err), hint);
        self.push_log(entry);
    }

    pub(crate) fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.log.clamp(log_cols(width), log_rows(height));
        if let Some(Overlay::Help(help)) = &mut self.overlay {
            help.clamp(width, height);
        }
    }

    pub(crate) fn toggle_help(&mut self) {
        match &self.overlay {
            Some(Overlay::Help(_)) => self.overlay = None,
            None => self.overlay = Some(Overlay::Help(Help::default())),
            // Keys cannot ask for help over another overlay.
            Some(_) => {}
        }
    }
}
