//! The emulator's figures through the real SDK over loopback. Run with
//! `cargo bench --bench emulator`; set REKOG_BENCH_DB=1 to also measure a database file.

use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use rekog::emulator::{Handle, Seed, ServeConfig, sdk_config, serve};

fn client(handle: &Handle) -> Client {
    Client::from_conf(sdk_config(
        &handle.endpoint(),
        "us-east-1",
        "AKIDBENCH",
        "secret",
    ))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

async fn start(seed_json: &str, db: Option<std::path::PathBuf>) -> (Handle, Duration) {
    let seed = Seed::parse("bench", seed_json).expect("bench seed");
    let t = Instant::now();
    let handle = serve(ServeConfig {
        seed: Some(seed),
        db,
        ..ServeConfig::default()
    })
    .await
    .expect("emulator starts");
    (handle, t.elapsed())
}

async fn list_all(rk: &Client) -> usize {
    let (mut count, mut token) = (0, None);
    loop {
        let page = rk
            .list_collections()
            .max_results(4096)
            .set_next_token(token)
            .send()
            .await
            .expect("page");
        count += page.collection_ids().len();
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            return count;
        }
    }
}

async fn paging() {
    let ids: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"id":"collection-{i:06}"}}"#))
        .collect();
    let json = format!(r#"{{"collections":[{}]}}"#, ids.join(","));
    let (handle, seeded) = start(&json, None).await;
    println!("seeding 100,000 empty collections: {}", ms(seeded));
    let rk = client(&handle);
    list_all(&rk).await; // warm the connection
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let n = list_all(&rk).await;
        runs.push(t.elapsed());
        assert_eq!(n, 100_000);
    }
    runs.sort();
    println!(
        "paging all 100,000 collections, MaxResults 4096 (25 pages): median {} (best {}, worst {})",
        ms(runs[2]),
        ms(runs[0]),
        ms(runs[4])
    );
    handle.shutdown().await;
}

async fn million(db: Option<std::path::PathBuf>) {
    let db_path = db.clone();
    let label = if db.is_some() {
        "database file"
    } else {
        "in memory"
    };
    let json = r#"{"collections":[{"id":"million","faces":1000000,"users":10000}]}"#;
    let (handle, seeded) = start(json, db).await;
    println!(
        "[{label}] seeding 1,000,000 faces (and 10,000 users): {}",
        ms(seeded)
    );
    let rk = client(&handle);

    let mut times = Vec::new();
    for _ in 0..1000 {
        let t = Instant::now();
        let d = rk
            .describe_collection()
            .collection_id("million")
            .send()
            .await
            .expect("describe");
        times.push(t.elapsed());
        assert_eq!(d.face_count(), Some(1_000_000));
    }
    times.sort();
    println!(
        "[{label}] DescribeCollection on 1,000,000 faces: median {}, p99 {}, max {}",
        ms(times[500]),
        ms(times[990]),
        ms(times[999])
    );

    let clients: Vec<Client> = (0..32).map(|_| client(&handle)).collect();
    let window = Duration::from_secs(5);
    let t = Instant::now();
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|rk| {
            tokio::spawn(async move {
                let mut n = 0u64;
                while t.elapsed() < window {
                    rk.describe_collection()
                        .collection_id("million")
                        .send()
                        .await
                        .expect("describe");
                    n += 1;
                }
                n
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("client task");
    }
    let rate = total as f64 / t.elapsed().as_secs_f64();
    println!("[{label}] DescribeCollection from 32 concurrent clients: {rate:.0} requests/s");

    let t = Instant::now();
    rk.delete_collection()
        .collection_id("million")
        .send()
        .await
        .expect("delete");
    let deleted = Instant::now();
    println!(
        "[{label}] DeleteCollection of the 1,000,000-face collection: {}",
        ms(deleted - t)
    );
    // The rows are reclaimed while the store is idle; requests keep being served meanwhile.
    rk.create_collection()
        .collection_id("million")
        .send()
        .await
        .expect("create again");
    let mut during = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let d = rk
            .describe_collection()
            .collection_id("million")
            .send()
            .await
            .expect("describe");
        during.push(t.elapsed());
        assert_eq!(d.face_count(), Some(0));
    }
    during.sort();
    println!(
        "[{label}] DescribeCollection while the rows are reclaimed: median {}, max {}",
        ms(during[100]),
        ms(during[199])
    );
    if let Some(path) = &db_path {
        let conn = rusqlite::Connection::open(path).expect("bench db");
        loop {
            let left: i64 = conn
                .query_row("SELECT count(*) FROM garbage", [], |r| r.get(0))
                .expect("count");
            if left == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        println!(
            "[{label}] all rows of the deleted collection reclaimed {} after the call",
            ms(deleted.elapsed())
        );
    }
    handle.shutdown().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        paging().await;
        million(None).await;
        if std::env::var_os("REKOG_BENCH_DB").is_some() {
            let dir = tempfile::tempdir().expect("temp dir");
            million(Some(dir.path().join("bench.db"))).await;
        }
    });
}
