//! The built binary in a pseudo-terminal, read through vt100 as a person at a terminal sees
//! it. Every file in tests/ is a binary that links the AWS SDK, so new tests of this kind
//! join this one as modules.

#[path = "support/os.rs"]
mod os;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/screen_shape.rs"]
mod screen_shape;

// A crate root finds its modules beside it, in tests/, unless told otherwise.
#[path = "pty/closed_tty.rs"]
mod closed_tty;
#[path = "pty/clumsy.rs"]
mod clumsy;
#[path = "pty/demo_org.rs"]
mod demo_org;
#[path = "pty/e2e.rs"]
mod e2e;
#[path = "pty/erase.rs"]
mod erase;
#[path = "pty/erase_tui.rs"]
mod erase_tui;
#[path = "pty/inventory.rs"]
mod inventory;
#[path = "pty/mfa.rs"]
mod mfa;
#[path = "pty/paste.rs"]
mod paste;
#[path = "pty/quota.rs"]
mod quota;
#[path = "pty/read_only_env.rs"]
mod read_only_env;
#[path = "pty/resize.rs"]
mod resize;
#[path = "pty/retention.rs"]
mod retention;
#[path = "pty/terminals.rs"]
mod terminals;
