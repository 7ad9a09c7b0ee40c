//! `rekog serve` as a child process on a loopback port, for the tests and benches that run
//! the binaries.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// `rekog serve` as a child process, killed on drop.
pub struct Server {
    child: Child,
    pub endpoint: String,
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        Server::start_at("127.0.0.1:0", args)
    }

    /// The process ID, for the benches' CPU and memory figures.
    #[allow(dead_code)]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// On `addr` (port 0: a free one).
    pub fn start_at(addr: &str, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rekog"))
            .arg("serve")
            .args(["--addr", addr])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start rekog serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("read the first line of rekog serve");
        // `https://` when it serves TLS.
        let start = first.find("http").expect("endpoint URL on the first line");
        let endpoint: String = first[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        Server { child, endpoint }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
