//! Facts about the session that the header and dialogs show; fixed for the app's lifetime.

/// Where rekog is pointed and how it may act.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    /// The AWS profile in use, if one was named (flag, AWS_PROFILE or config).
    pub profile: Option<String>,
    pub region: String,
    /// Set when the Rekognition endpoint is overridden (`--endpoint-url`, AWS_ENDPOINT_URL).
    pub endpoint: Option<String>,
    /// Mutations are refused.
    pub read_only: bool,
    /// Running against the embedded emulator (`--demo`).
    pub demo: bool,
    /// NO_COLOR is set: draw with modifiers only.
    pub monochrome: bool,
}
