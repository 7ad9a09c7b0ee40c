//! `manifest_retention` in the config: the TUI prunes old manifests at start, on record,
//! and says so in the log pane; read-only, it keeps them.

use crate::pty::Tui;

#[test]
fn old_manifests_are_pruned_at_start_and_the_log_pane_says_so() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    std::fs::create_dir_all(home.join("config/rekog")).unwrap();
    std::fs::write(
        home.join("config/rekog/config.toml"),
        "manifest_retention = \"30d\"\n",
    )
    .unwrap();
    let place = home.join("data/rekog/manifests/123456789012/us-east-1");
    std::fs::create_dir_all(&place).unwrap();
    let line = |at: &str| {
        format!(
            "{{\"kind\":\"collection\",\"CollectionId\":\"lobby-cam\",\"exported_at\":\"{at}\"}}\n\
             {{\"kind\":\"end\",\"faces\":0,\"users\":0}}\n"
        )
    };
    let old = place.join("lobby-cam-20200101T000000Z.jsonl");
    std::fs::write(&old, line("2020-01-01T00:00:00.000Z")).unwrap();
    std::fs::write(place.join("lobby-cam-20200101T000000Z.jsonl.sha256"), "x").unwrap();
    // Written a moment ago: kept.
    let young = place.join("lobby-cam-now.jsonl");
    let now = rekog::time::format_rfc3339(rekog::time::now_ms());
    std::fs::write(&young, line(&now)).unwrap();

    // Read-only keeps them, and says so. Before, they went.
    let mut tui = Tui::spawn(&["--demo", "--read-only"], &[], home, (200, 50));
    tui.wait_for("manifest_retention 30d: rekog is read-only; none pruned");
    assert!(old.exists());
    let trail = std::fs::read_to_string(home.join("state/rekog/audit.jsonl")).unwrap_or_default();
    assert!(!trail.contains("PruneManifest"), "{trail}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut tui = Tui::spawn(&["--demo"], &[], home, (200, 50));
    tui.wait_for("pruned 1 manifest older than 30d");
    assert!(!old.exists());
    assert!(young.exists());
    let trail = std::fs::read_to_string(home.join("state/rekog/audit.jsonl")).unwrap();
    let ops: Vec<serde_json::Value> = trail
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ops.len(), 2, "{trail}");
    assert!(ops.iter().all(|r| r["operation"] == "PruneManifest"));
    assert_eq!(ops[0]["manifest"], old.to_str().unwrap());
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}
