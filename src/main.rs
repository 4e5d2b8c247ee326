use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = briefing::cmd::Cli::parse();
    match briefing::cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("briefing: {e:#}");
            std::process::ExitCode::from(1)
        }
    }
}
