//! rekog: a terminal UI for Amazon Rekognition face collections, and an emulator of the
//! collection API that the TUI, the demo and the tests run against.

pub mod app;
pub mod audit;
pub mod aws;
pub mod caps;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod context;
pub mod doctor;
pub mod effects;
pub mod emulator;
pub mod erase;
pub mod ids;
pub mod inventory;
#[cfg(test)]
mod layers;
pub mod manifest;
pub mod paths;
pub mod protect;
pub mod search;
pub mod text;
pub mod time;
pub mod tui;
pub mod ui;
