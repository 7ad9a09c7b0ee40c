//! The AWS side: the shared config and credentials files, the profile in use and the files
//! that hold it, the region, and the SDK's own URLs for that region.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::aws::endpoints::{self, Endpoints, Service};
use crate::aws::profiles;
use crate::doctor::facts::{AwsFile, Facts, FileState, ProfileFacts, SdkUrls};
use crate::doctor::ini;

pub(super) fn aws_file(path: Option<PathBuf>, from_env: bool) -> AwsFile {
    let state = match &path {
        None => FileState::Missing,
        Some(path) => match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileState::Missing,
            Err(e) => FileState::Unreadable(e.to_string()),
            Ok(bytes) => {
                let mode = std::fs::metadata(path).map_or(0, |m| m.permissions().mode() & 0o777);
                let text = String::from_utf8_lossy(&bytes);
                let read = ini::read(&text);
                FileState::Read {
                    mode,
                    problems: read.problems,
                    profiles: read.sections,
                }
            }
        },
    };
    AwsFile {
        path,
        from_env,
        state,
    }
}

pub(super) fn profile(facts: &Facts) -> ProfileFacts {
    let (name, from) = match (&facts.flags.profile, facts.var("AWS_PROFILE")) {
        (Some(name), _) => (name.clone(), "--profile".to_owned()),
        (None, Some(name)) => (name.to_owned(), "AWS_PROFILE".to_owned()),
        (None, None) => ("default".to_owned(), "default".to_owned()),
    };
    let read = |file: &AwsFile| {
        let path = file.path.as_ref()?;
        if !matches!(file.state, FileState::Read { .. }) {
            return None;
        }
        Some((path.clone(), std::fs::read_to_string(path).ok()?))
    };
    let config = read(&facts.aws_config);
    let credentials = read(&facts.aws_credentials);
    let mut in_files = Vec::new();
    if let Some((path, text)) = &config
        && profiles::merge(Some(text), None)
            .iter()
            .any(|p| p.name == name)
    {
        in_files.push(path.clone());
    }
    if let Some((path, text)) = &credentials
        && profiles::merge(None, Some(text))
            .iter()
            .any(|p| p.name == name)
    {
        in_files.push(path.clone());
    }
    let found = profiles::merge(
        config.as_ref().map(|(_, t)| t.as_str()),
        credentials.as_ref().map(|(_, t)| t.as_str()),
    )
    .into_iter()
    .find(|p| p.name == name);
    ProfileFacts {
        name,
        from,
        found,
        in_files,
    }
}

/// In the SDK's order: the flag, AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`.
pub(super) fn region(facts: &Facts) -> Option<(String, String)> {
    if let Some(region) = &facts.flags.region {
        return Some((region.clone(), "--region".into()));
    }
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = facts.var(name) {
            return Some((region.to_owned(), name.to_owned()));
        }
    }
    let profile = facts.profile.found.as_ref()?;
    let region = profile.region()?;
    Some((
        region.to_owned(),
        format!("region of profile {}", profile.name),
    ))
}

pub(super) async fn sdk_urls(resolved: &Endpoints, region: &str) -> SdkUrls {
    let url = |endpoint: &endpoints::Endpoint, service| {
        let (fips, dual_stack) = match &endpoint.source {
            endpoints::Source::Variant {
                fips, dual_stack, ..
            } => (*fips, *dual_stack),
            _ => (false, false),
        };
        let wanted = endpoint.url.is_none();
        async move {
            if wanted {
                endpoints::sdk_url(service, region, fips, dual_stack).await
            } else {
                None
            }
        }
    };
    SdkUrls {
        rekognition: url(&resolved.rekognition, Service::Rekognition).await,
        sts: url(&resolved.sts, Service::Sts).await,
    }
}
