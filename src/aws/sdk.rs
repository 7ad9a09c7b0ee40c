//! The one implementation of [`Rekognition`]: aws-sdk-rekognition, one call per operation
//! (`calls`), with SDK errors folded into the small domain error the UI understands
//! (`error`).

use crate::audit::Licence;
use std::error::Error as StdError;
use std::future::Future;

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_rekognition::operation::RequestId;

use crate::aws::api::{
    Association, CollectionDetail, Created, Described, FaceDeletion, FaceFilter, FaceMatch,
    FacePage, Outcome, Page, Rekognition, Tags, UserMatch, UserPage,
};
use crate::ids::{CollectionId, FaceId, UserId};

mod calls;
mod error;

pub use self::error::{error_chain, map_error, service_text};

/// Rekognition through the AWS SDK (real AWS, an endpoint override, or the emulator).
#[derive(Clone, Debug)]
pub struct SdkBackend {
    client: Client,
}

impl SdkBackend {
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// Runs one call, timing it and keeping the request id whichever way it ends.
fn timed<O, E, T>(
    call: impl Future<Output = Result<O, SdkError<E>>>,
    convert: impl FnOnce(O) -> T,
) -> impl Future<Output = Outcome<T>>
where
    O: RequestId,
    E: ProvideErrorMetadata + RequestId + StdError + Send + Sync + 'static,
{
    let call = Box::pin(call);
    async move {
        let started = crate::time::Stopwatch::start();
        let result = call.await;
        let elapsed = started.elapsed();
        match result {
            Ok(output) => Outcome {
                request_id: output.request_id().map(str::to_owned),
                result: Ok(convert(output)),
                elapsed,
            },
            Err(err) => Outcome {
                request_id: err.request_id().map(str::to_owned),
                result: Err(map_error(&err)),
                elapsed,
            },
        }
    }
}

impl Rekognition for SdkBackend {
    async fn list_page(&self, token: Option<String>) -> Outcome<Page> {
        calls::list_collections(&self.client, token).await
    }

    async fn describe(&self, id: &CollectionId) -> Outcome<CollectionDetail> {
        calls::describe(&self.client, id).await
    }

    async fn delete(&self, _licence: &Licence, id: &CollectionId) -> Outcome<i32> {
        calls::delete_collection(&self.client, id).await
    }

    async fn list_faces_page(
        &self,
        id: &CollectionId,
        filter: &FaceFilter,
        token: Option<String>,
        max: i32,
    ) -> Outcome<FacePage> {
        calls::list_faces(&self.client, id, filter, token, max).await
    }

    async fn list_users_page(
        &self,
        id: &CollectionId,
        token: Option<String>,
        max: i32,
    ) -> Outcome<UserPage> {
        calls::list_users(&self.client, id, token, max).await
    }

    async fn describe_with_tags(&self, id: &CollectionId) -> Outcome<Described> {
        calls::describe_with_tags(&self.client, id).await
    }

    async fn delete_faces(
        &self,
        _licence: &Licence,
        id: &CollectionId,
        face_ids: Vec<String>,
    ) -> Outcome<FaceDeletion> {
        calls::delete_faces(&self.client, id, face_ids).await
    }

    async fn create_collection(
        &self,
        _licence: &Licence,
        id: &CollectionId,
        tags: Tags,
    ) -> Outcome<Created> {
        calls::create_collection(&self.client, id, tags).await
    }

    async fn create_user(
        &self,
        _licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
    ) -> Outcome<()> {
        calls::create_user(&self.client, id, user_id).await
    }

    async fn delete_user(
        &self,
        _licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
    ) -> Outcome<()> {
        calls::delete_user(&self.client, id, user_id).await
    }

    async fn associate_faces(
        &self,
        _licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> Outcome<Association> {
        calls::associate_faces(&self.client, id, user_id, face_ids).await
    }

    async fn disassociate_faces(
        &self,
        _licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> Outcome<Association> {
        calls::disassociate_faces(&self.client, id, user_id, face_ids).await
    }

    async fn search_faces(
        &self,
        id: &CollectionId,
        face_id: &FaceId,
        threshold: f32,
        max: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        calls::search_faces(&self.client, id, face_id, threshold, max).await
    }

    async fn search_faces_by_image(
        &self,
        id: &CollectionId,
        image: &[u8],
        threshold: f32,
        max: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        calls::search_faces_by_image(&self.client, id, image, threshold, max).await
    }

    async fn search_users(
        &self,
        id: &CollectionId,
        user_id: &UserId,
        threshold: f32,
        max: i32,
    ) -> Outcome<Vec<UserMatch>> {
        calls::search_users(&self.client, id, user_id, threshold, max).await
    }
}
