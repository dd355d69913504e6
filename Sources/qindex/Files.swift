import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex files`: the ingest manifest.
    struct Files: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the ingest manifest: every input file a run has read, with its SHA-256 and row counts.",
                                                        discussion: "Example:\n  qindex files --db /data/bureau.sqlite")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var language: LanguageOption

        func run() throws { try finish(database.request(language).files()) }
    }
}
