fn main() -> std::process::ExitCode {
    rekog::cli::run()
}
