//! rekog: a terminal UI for Amazon Rekognition face collections, and an emulator of the
//! collection API that the TUI, the demo and the tests run against.

pub mod api;
pub mod app;
pub mod audit;
pub mod aws;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod effects;
pub mod emulator;
pub mod erase;
pub mod ids;
#[cfg(test)]
mod layers;
pub mod manifest;
pub mod pace;
pub mod paths;
pub mod protect;
pub mod sdk;
pub mod time;
pub mod tui;
pub mod ui;
