//! The effects of every context connected to: a switch connects (through the connector the
//! caller supplies), and each context's results come back wrapped in [`Msg::For`] with that
//! context, so the app can drop those of a context it has left.

use crate::app::msg::{Command, Msg, SessionAnswer, SessionCall};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc::{self, UnboundedSender};

use super::Effects;
use crate::aws::api::Rekognition;
use crate::context::{ConnectFailure, Context, Session};

/// A context's backend and STS client, and the session it makes.
pub struct Connected<R> {
    pub backend: Arc<R>,
    pub sts: Option<aws_sdk_sts::Client>,
    pub session: Session,
}

pub type Connecting<R> = Pin<Box<dyn Future<Output = Result<Connected<R>, ConnectFailure>> + Send>>;

/// Builds the backend for a context, given the MFA code typed for its role, if any.
pub type Connector<R> = Arc<dyn Fn(Context, Option<String>) -> Connecting<R> + Send + Sync>;

type Map<R> = Arc<Mutex<HashMap<Context, Arc<Effects<R>>>>>;

/// A context's backend on its way, or why it cannot be had.
pub(super) type Backend<R> = Pin<Box<dyn Future<Output = Result<Arc<R>, String>> + Send>>;

pub struct Contexts<R> {
    connector: Option<Connector<R>>,
    /// Finds the fleet's accounts beyond the session's profile and writes its inventory.
    reacher: Option<super::reach::Reacher>,
    /// Settings, trail and manifests every context's effects share.
    first: Arc<Effects<R>>,
    map: Map<R>,
    tx: UnboundedSender<Msg>,
}

impl<R: Rekognition> Contexts<R> {
    /// The gate every context's changes pass: one for the process.
    pub fn gate(&self) -> &crate::audit::Gate {
        self.first.gate()
    }

    /// `effects` run the commands of `context`, the one connected to at start. Without a
    /// connector, every switch fails.
    pub fn new(effects: Effects<R>, context: Context, connector: Option<Connector<R>>) -> Self {
        let tx = effects.tx.clone();
        let first = Arc::new(effects.sibling(
            Arc::clone(&effects.backend),
            effects.sts.clone(),
            tagged(tx.clone(), context.clone()),
        ));
        let map = HashMap::from([(context, Arc::clone(&first))]);
        Self {
            connector,
            reacher: None,
            first,
            map: Arc::new(Mutex::new(map)),
            tx,
        }
    }

    /// With `reacher`, the fleet view can count other profiles and an organization, and
    /// write its inventory.
    pub fn with_reacher(mut self, reacher: super::reach::Reacher) -> Self {
        self.reacher = Some(reacher);
        self
    }

    pub(super) fn reacher(&self) -> Option<super::reach::Reacher> {
        self.reacher.clone()
    }

    /// Runs `command` for `context`, the one the state had when it was asked for.
    pub fn run(&self, context: &Context, command: Command) {
        match command {
            Command::Session(SessionCall::Connect { context, code }) => {
                return self.connect(context, code);
            }
            Command::Fleet(call) => return self.fleet(context.profile.clone(), call),
            _ => {}
        }
        let effects = lock(&self.map).get(context).cloned();
        match effects {
            Some(effects) => effects.run(command),
            None => tracing::warn!(?context, what = %command.describe(), "no connection"),
        }
    }

    /// Where answers go untagged, for the calls no context check may drop.
    pub(super) fn sender(&self) -> UnboundedSender<Msg> {
        self.tx.clone()
    }

    /// The backend of `context`, connected (with no MFA code) when it is not yet; why not,
    /// in plain words.
    pub(super) fn backend_for(&self, context: Context) -> Backend<R> {
        if let Some(effects) = lock(&self.map).get(&context) {
            let backend = Arc::clone(&effects.backend);
            return Box::pin(async move { Ok(backend) });
        }
        let Some(connector) = self.connector.clone() else {
            return Box::pin(async { Err("this session cannot switch".into()) });
        };
        let (map, first, tx) = (
            Arc::clone(&self.map),
            Arc::clone(&self.first),
            self.tx.clone(),
        );
        Box::pin(async move {
            let conn = connector(context, None)
                .await
                .map_err(super::fleet::connect_failure)?;
            let backend = Arc::clone(&conn.backend);
            let key = conn.session.context();
            let answers = tagged(tx, key.clone());
            let effects = first.sibling(conn.backend, conn.sts, answers);
            // Kept for the region's next calls; a connection already there stays.
            lock(&map).entry(key).or_insert_with(|| Arc::new(effects));
            Ok(backend)
        })
    }

    fn connect(&self, context: Context, code: Option<String>) {
        let tx = self.tx.clone();
        let Some(connector) = self.connector.clone() else {
            let why = ConnectFailure::Failed("this session cannot switch".into());
            let _ = tx.send(Msg::Session(SessionAnswer::Connected {
                context,
                result: Err(why),
            }));
            return;
        };
        let (map, first) = (Arc::clone(&self.map), Arc::clone(&self.first));
        let asked = context.clone();
        let task = tokio::spawn(async move {
            let result = match connector(asked.clone(), code).await {
                Ok(conn) => {
                    let key = conn.session.context();
                    let answers = tagged(tx.clone(), key.clone());
                    let effects = first.sibling(conn.backend, conn.sts, answers);
                    lock(&map).insert(key, Arc::new(effects));
                    Ok(conn.session)
                }
                Err(failure) => Err(failure),
            };
            Msg::Session(SessionAnswer::Connected {
                context: asked,
                result,
            })
        });
        // A connector that panics still answers, so the switch does not wait forever.
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let msg = match task.await {
                Ok(msg) => msg,
                Err(err) => Msg::Session(SessionAnswer::Connected {
                    context,
                    result: Err(ConnectFailure::Failed(err.to_string())),
                }),
            };
            let _ = tx.send(msg);
        });
    }
}

/// A sender whose messages reach `outer` wrapped with `context`, in order.
fn tagged(outer: UnboundedSender<Msg>, context: Context) -> UnboundedSender<Msg> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(msg) = rx.recv().await {
            let msg = Msg::For {
                context: context.clone(),
                msg: Box::new(msg),
            };
            if outer.send(msg).is_err() {
                break;
            }
        }
    });
    tx
}

fn lock<R>(map: &Map<R>) -> MutexGuard<'_, HashMap<Context, Arc<Effects<R>>>> {
    // A panic while holding the lock leaves the map itself whole: keep using it.
    map.lock().unwrap_or_else(|e| e.into_inner())
}
