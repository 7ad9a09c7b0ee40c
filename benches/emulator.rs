//! The emulator's figures through the real SDK over loopback, and `rekog serve` as a
//! process. Run with `cargo bench --bench emulator` (add `-- million` for only the parts so
//! named); set REKOG_BENCH_DB=1 to also measure a database file.

use std::time::{Duration, Instant};

use aws_sdk_rekognition::Client;
use rekog::emulator::{DEMO_SEED, Handle, Seed, ServeConfig, sdk_config, serve};

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
    let rk = client(&handle);
    let t = Instant::now();
    rk.list_faces()
        .collection_id("million")
        .max_results(1)
        .send()
        .await
        .expect("list faces");
    // In memory, serve() returns before the rows are written and the first ListFaces
    // waits for them; a database file is seeded whole inside serve().
    println!(
        "[{label}] seeding 1,000,000 faces (and 10,000 users): serve() {}, then the first \
         ListFaces {}",
        ms(seeded),
        ms(t.elapsed())
    );

    scan(&rk, label).await;

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

/// Every face of the 1,000,000-face collection, 4096 a page, as an ExternalImageId search
/// pages through them; then ListFaces filtered by UserId, whose faces are spread over the
/// whole collection.
async fn scan(rk: &Client, label: &str) {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let (mut faces, mut pages, mut token) = (0, 0, None);
        let mut slowest = Duration::ZERO;
        let t = Instant::now();
        loop {
            let page_started = Instant::now();
            let page = rk
                .list_faces()
                .collection_id("million")
                .max_results(4096)
                .set_next_token(token)
                .send()
                .await
                .expect("page");
            slowest = slowest.max(page_started.elapsed());
            faces += page.faces().len();
            pages += 1;
            token = page.next_token().map(str::to_owned);
            if token.is_none() {
                break;
            }
        }
        runs.push(t.elapsed());
        assert_eq!(faces, 1_000_000);
        println!(
            "[{label}] ListFaces over all 1,000,000 faces, MaxResults 4096: {pages} pages in {} \
             (slowest page {})",
            ms(runs[runs.len() - 1]),
            ms(slowest)
        );
    }
    println!("[{label}] full ListFaces scan: {}", median(runs));

    let mut times = Vec::new();
    for n in 0..200 {
        let user = format!("user-{:06}", 1 + n * 50);
        let t = Instant::now();
        let page = rk
            .list_faces()
            .collection_id("million")
            .user_id(&user)
            .max_results(4096)
            .send()
            .await
            .expect("filtered list faces");
        times.push(t.elapsed());
        // Every third face has a user, round robin: 33 or 34 faces each, from first to last.
        assert!((33..=34).contains(&page.faces().len()), "{user}");
        assert!(page.next_token().is_none());
    }
    println!(
        "[{label}] ListFaces with UserId (33 faces spread over 1,000,000): {}",
        median(times)
    );
}

fn median(mut runs: Vec<Duration>) -> String {
    runs.sort();
    format!(
        "median {} (best {}, worst {})",
        ms(runs[runs.len() / 2]),
        ms(runs[0]),
        ms(runs[runs.len() - 1])
    )
}

/// The demo seed in process: from the serve() call to the first answered
/// DescribeCollection, describes while the faces are written behind, and the first page of
/// its biggest collection (whose rows are written first for it).
async fn instant_demo() {
    let (mut described, mut during, mut listed) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        let seed = Seed::parse("demo", DEMO_SEED).expect("demo seed");
        let t = Instant::now();
        let handle = serve(ServeConfig {
            seed: Some(seed),
            ..ServeConfig::default()
        })
        .await
        .expect("emulator starts");
        let rk = client(&handle);
        let d = rk
            .describe_collection()
            .collection_id("hq-badge-photos")
            .send()
            .await
            .expect("describe");
        described.push(t.elapsed());
        assert_eq!(d.face_count(), Some(250_000));
        // The faces are being written meanwhile; describes must not wait for them.
        for _ in 0..100 {
            let t = Instant::now();
            rk.describe_collection()
                .collection_id("lobby-cam")
                .send()
                .await
                .expect("describe");
            during.push(t.elapsed());
        }
        let page = rk
            .list_faces()
            .collection_id("hq-badge-photos")
            .max_results(4096)
            .send()
            .await
            .expect("list faces");
        listed.push(t.elapsed());
        assert_eq!(page.faces().len(), 4096);
        handle.shutdown().await;
    }
    println!(
        "demo seed, serve() to the first answered DescribeCollection: {}",
        median(described)
    );
    println!(
        "demo seed, DescribeCollection while its faces are written: {}",
        median(during)
    );
    println!(
        "demo seed, serve() to the first ListFaces page of its 250,000-face collection: {}",
        median(listed)
    );
}

/// A DescribeCollection over a plain HTTP/1.1 connection: no SDK, so that the figure is
/// the server's. Without --credentials the signature is parsed, not checked.
fn raw_describe(addr: &str) -> String {
    use std::io::{Read, Write};
    let body = r#"{"CollectionId":"hq-badge-photos"}"#;
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: RekognitionService.DescribeCollection\r\n\
         Authorization: AWS4-HMAC-SHA256 Credential=AKIDBENCH/20250101/us-east-1/rekognition/\
         aws4_request, SignedHeaders=host, Signature=00\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut tcp = std::net::TcpStream::connect(addr).expect("connect");
    tcp.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).expect("answer");
    answer
}

/// `rekog serve --seed assets/demo-seed.json` as a process: from spawning it to its first
/// answered request.
fn process_start() {
    use std::io::BufRead;
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-seed.json");
    let (mut printed, mut answered) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        let t = Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rekog"))
            .args(["serve", "--addr", "127.0.0.1:0", "--seed", seed])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("rekog serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        printed.push(t.elapsed());
        let addr = line
            .trim()
            .rsplit("http://")
            .next()
            .expect("endpoint")
            .to_owned();
        let answer = raw_describe(&addr);
        answered.push(t.elapsed());
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains(r#""FaceCount":250000"#), "{answer}");
        let _ = child.kill();
        let _ = child.wait();
    }
    println!(
        "rekog serve --seed assets/demo-seed.json, spawn to the endpoint printed: {}",
        median(printed)
    );
    println!(
        "rekog serve --seed assets/demo-seed.json, spawn to the first answered request: {}",
        median(answered)
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // `cargo bench --bench emulator -- million` runs the parts whose name holds a word given.
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |part: &str| words.is_empty() || words.iter().any(|w| part.contains(w.as_str()));
    if wanted("process_start") {
        process_start();
    }
    runtime.block_on(async {
        if wanted("instant_demo") {
            instant_demo().await;
        }
        if wanted("paging") {
            paging().await;
        }
        if !wanted("million") {
            return;
        }
        million(None).await;
        if std::env::var_os("REKOG_BENCH_DB").is_some() {
            let dir = tempfile::tempdir().expect("temp dir");
            million(Some(dir.path().join("bench.db"))).await;
        }
    });
}
