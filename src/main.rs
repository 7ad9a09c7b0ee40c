// The SDK allocates and frees many small objects on every call, from every worker thread at
// once; glibc's malloc spent about a quarter of the fleet view's CPU on that (its arenas'
// locks and consolidation). With mimalloc's per-thread heaps `cargo bench --bench fleet`
// went from about 4.0 s to 2.6 s here, for about 25 MB more peak RSS in `--bench org`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    rekog::cli::run()
}
