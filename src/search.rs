//! `rekog search [COLLECTION | --all-collections] (--face-id ID | --user ID | --image FILE |
//! --external-image-id PATTERN)`: where one person appears, for an access request. It
//! reads and never changes anything.
//!
//! Exit status: 0 when a face was found; 1 when every collection asked for was searched
//! and none was; 2 on bad input, no connection, or when a collection could not be
//! searched and nothing was found elsewhere (then "nowhere" would not be known).

mod show;

use std::process::ExitCode;

use clap::{ArgGroup, Args};

use crate::app::fleet::{Status, classify};
use crate::aws;
use crate::aws::api::{ApiError, ErrorKind, Face, Rekognition};
use crate::aws::pace::Paced;
use crate::cli::ConnectArgs;
use crate::erase::cli::{Checked, collection_arg, face_arg, pattern_arg, user_arg};
use crate::erase::photo::{self, DEFAULT_THRESHOLD, Photo};
use crate::erase::search::{self, Pattern, Search, not_found};
use crate::ids::{CollectionId, FaceId, UserId};

#[derive(Debug, Clone, Args)]
#[command(
    group(ArgGroup::new("who").required(true).args(["face_id", "user", "image", "external_image_id"])),
    group(ArgGroup::new("where").required(true).args(["collection", "all_collections"]))
)]
pub struct SearchArgs {
    /// The collection to search.
    #[arg(value_name = "COLLECTION", value_parser = Checked(collection_arg))]
    pub collection: Option<CollectionId>,
    /// Search every collection of the region (of every region with --all-regions).
    #[arg(long)]
    pub all_collections: bool,
    /// The faces like this face (SearchFaces), and the face itself; needs COLLECTION,
    /// since a FaceId exists only in its own collection.
    #[arg(long, value_name = "ID", value_parser = Checked(face_arg), conflicts_with = "all_collections")]
    pub face_id: Option<FaceId>,
    /// The faces of user ID.
    #[arg(long, value_name = "ID", value_parser = Checked(user_arg))]
    pub user: Option<UserId>,
    /// The faces like the largest face in this JPEG or PNG (SearchFacesByImage).
    #[arg(long, value_name = "FILE", value_parser = Checked(photo::photo_arg))]
    pub image: Option<Photo>,
    /// Faces whose ExternalImageId contains PATTERN, or matches it when it has * or ?.
    #[arg(long, value_name = "PATTERN", value_parser = Checked(pattern_arg))]
    pub external_image_id: Option<Pattern>,
    /// The least similarity (0 to 100) of a face found by --face-id or --image [default: 90].
    #[arg(long, value_name = "N", value_parser = Checked(photo::threshold_arg))]
    pub threshold: Option<f32>,
    /// Search every region rekog offers (the config's `regions`, or every one in the
    /// profile's partition).
    #[arg(long)]
    pub all_regions: bool,
    /// One JSON object per face found, one a line.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

const USAGE: u8 = 2;

/// One face found, where, and how like the searched one it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub region: String,
    pub collection: CollectionId,
    pub face: Face,
    /// For a search by likeness (--face-id, --image).
    pub similarity: Option<f32>,
    /// The face --face-id names.
    pub searched: bool,
}

/// How faces are looked for, whichever flag asked.
enum How<'a> {
    Like(&'a FaceId),
    Photo(&'a Photo),
    Listed(Search),
}

pub fn run(args: SearchArgs) -> ExitCode {
    let runtime = match crate::cli::runtime() {
        Ok(rt) => rt,
        Err(err) => {
            crate::text::errln!("rekog: cannot start the async runtime: {err}");
            return ExitCode::from(USAGE);
        }
    };
    runtime.block_on(run_async(args))
}

fn how(args: &SearchArgs) -> Option<How<'_>> {
    if let Some(face) = &args.face_id {
        return Some(How::Like(face));
    }
    if let Some(photo) = &args.image {
        return Some(How::Photo(photo));
    }
    if let Some(user) = &args.user {
        return Some(How::Listed(Search::User(user.clone())));
    }
    let pattern = args.external_image_id.clone()?;
    Some(How::Listed(Search::ExternalImageId(pattern)))
}

/// The regions to search: every region offered in the partition of the one the flags and
/// the profile say, or (`None`) that one alone.
async fn regions(args: &SearchArgs) -> Result<Vec<Option<String>>, String> {
    if !args.all_regions {
        return Ok(vec![args.connect.region.clone()]);
    }
    let config = crate::config::Config::load_default().map_err(|e| e.to_string())?;
    let only = config.effective(args.connect.profile.as_deref()).regions;
    let home = aws::resolve_region(&args.connect.target()).await;
    let all = aws::regions::offered(only.as_deref(), home.as_deref());
    Ok(all.into_iter().map(|(code, _)| Some(code)).collect())
}

async fn run_async(args: SearchArgs) -> ExitCode {
    let usage = |why: String| {
        crate::text::errln!("rekog: {why}");
        ExitCode::from(USAGE)
    };
    let Some(how) = how(&args) else {
        return usage(
            "say whom to search for: --face-id, --user, --image or --external-image-id".into(),
        );
    };
    if args.threshold.is_some() && args.face_id.is_none() && args.image.is_none() {
        return usage("--threshold goes with --face-id or --image".into());
    }
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if args.face_id.is_some() && args.collection.is_none() {
        return usage(
            "--face-id needs COLLECTION: a FaceId exists only in its own collection".into(),
        );
    }
    let regions = match regions(&args).await {
        Ok(r) => r,
        Err(why) => return usage(why),
    };
    let mut hits: Vec<Hit> = Vec::new();
    // Regions whose collections could not be listed, and collections that could not be
    // searched: counted apart, since "4 collections" said of 4 regions misleads.
    let (mut failed_regions, mut failed_collections) = (0u64, 0u64);
    let mut searched = 0usize;
    for asked in &regions {
        let place = aws::Target {
            read_only: true,
            region: asked.clone(),
            ..args.connect.target()
        };
        let connection = match aws::connect(&place).await {
            Ok(c) => c,
            Err(err) => return usage(format!("{}: {err}", asked.as_deref().unwrap_or("connect"))),
        };
        let region = &connection.session.region;
        let backend = Paced::new(connection.backend, place.timeout).on_throttle(|t| {
            crate::text::errln!(
                "\nrekog: {} throttled by the service; now at {:.1} calls/s",
                t.op.name(),
                t.rate
            );
        });
        let ids = match &args.collection {
            Some(id) => vec![id.clone()],
            None => match collections(&backend).await {
                Ok(ids) => ids,
                // An opt-in region the account has not enabled holds nothing to find, as
                // the fleet view and the inventory say.
                Err(e) if regions.len() > 1 && classify(&e) == Status::NotEnabled => {
                    crate::text::errln!("rekog: {region}: not enabled for this account; skipped");
                    continue;
                }
                Err(e) if regions.len() > 1 => {
                    failed_regions += 1;
                    crate::text::errln!("rekog: {region}: ListCollections: {e}");
                    continue;
                }
                Err(e) => return usage(format!("{region}: ListCollections: {e}")),
            },
        };
        for (i, id) in ids.iter().enumerate() {
            if args.all_collections {
                show::progress(region, i + 1, ids.len(), id);
            }
            match find(&backend, id, &how, threshold).await {
                Ok(found) => {
                    searched += 1;
                    hits.extend(
                        found
                            .into_iter()
                            .map(|(face, similarity, is_searched)| Hit {
                                region: region.clone(),
                                collection: id.clone(),
                                face,
                                similarity,
                                searched: is_searched,
                            }),
                    );
                }
                Err(e) if matches!(how, How::Photo(_)) && photo::no_face(&e) => {
                    if args.all_collections {
                        show::progress_done();
                    }
                    let path = args.image.as_ref().map(|p| p.path.display().to_string());
                    return usage(format!("no face was found in {}", path.unwrap_or_default()));
                }
                Err(e) if matches!(how, How::Like(_)) && not_in_collection(&e) => {
                    let face = args
                        .face_id
                        .as_ref()
                        .map(FaceId::as_str)
                        .unwrap_or_default();
                    crate::text::errln!("rekog: no face {face} in {id}");
                    searched += 1;
                }
                // A collection named with --all-regions need not exist in every region.
                Err(e)
                    if e.kind == ErrorKind::NotFound && e.code.is_some() && regions.len() > 1 =>
                {
                    crate::text::errln!("rekog: {region}: no collection {id}");
                }
                Err(e) => {
                    if args.all_collections {
                        show::progress_done();
                    }
                    crate::text::errln!("rekog: {region} {id}: {e}");
                    failed_collections += 1;
                }
            }
        }
        if args.all_collections {
            show::progress_done();
        }
    }
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        show::json(&mut out, &hits)
    } else {
        show::text(&mut out, &hits, searched)
    };
    drop(out);
    // A reader that went away early (`| head`) is no failure of the search.
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return usage(format!("cannot write the results: {e}"));
    }
    let unsearched: Vec<String> = [
        (failed_regions, "region", "regions"),
        (failed_collections, "collection", "collections"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| crate::text::count(n, one, many))
    .collect();
    if !unsearched.is_empty() {
        crate::text::errln!("rekog: {} could not be searched", unsearched.join(" and "));
    }
    match (hits.is_empty(), unsearched.is_empty()) {
        (false, _) => ExitCode::SUCCESS,
        (true, true) => ExitCode::FAILURE,
        (true, false) => ExitCode::from(USAGE),
    }
}

/// Every collection of the region, by ListCollections' pages.
async fn collections<R: Rekognition>(backend: &R) -> Result<Vec<CollectionId>, ApiError> {
    let mut ids = Vec::new();
    let mut token = None;
    loop {
        let page = backend.list_page(token).await.result?;
        ids.extend(page.collections.into_iter().map(|c| c.id));
        token = page.next_token;
        if token.is_none() {
            return Ok(ids);
        }
    }
}

fn not_in_collection(e: &ApiError) -> bool {
    e.kind == ErrorKind::NotFound && e.code.is_none()
}

/// The faces `how` finds in `id`: each with its similarity (a search by likeness) and
/// whether it is the searched face itself.
async fn find<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    how: &How<'_>,
    threshold: f32,
) -> Result<Vec<(Face, Option<f32>, bool)>, ApiError> {
    match how {
        How::Listed(search) => {
            let found = search::find(backend, id, search, None, |_| {}).await?;
            Ok(found.faces.into_iter().map(|f| (f, None, false)).collect())
        }
        How::Like(face) => {
            let Some(found) = search::like(backend, id, face, threshold).await? else {
                return Err(not_found(face, id));
            };
            let searched = |f: &Face| f.face_id.eq_ignore_ascii_case(face);
            Ok(found
                .into_iter()
                .map(|(f, s)| (searched(&f), f, s))
                .map(|(own, f, s)| (f, Some(s), own))
                .collect())
        }
        How::Photo(photo) => {
            let found = search::like_photo(backend, id, &photo.bytes, threshold).await?;
            Ok(found
                .into_iter()
                .map(|(f, s)| (f, Some(s), false))
                .collect())
        }
    }
}
