import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex mapping FILE...`: a mapping file drafted from the files' header and values.
    struct MappingDraftCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mapping",
            abstract: "Draft a mapping file from a file's header and values: each header matched to a column, each enumerated value to its meaning, TODO where it cannot tell.",
            discussion: """
            Examples:
              qindex mapping export-2020.csv > mapping.yaml            # then edit the TODOs
              qindex mapping a.csv b.csv --out mapping.yaml --lang en
              qindex report a.csv b.csv --mapping mapping.yaml --out r
            """)

        @Argument(help: "Sampling-result files (.csv or .csv.gz, UTF-8 or GB18030).", completion: FileKinds.data)
        var files: [String]

        @Option(help: "Force the input encoding (default: detect per file).")
        var encoding: Choices.Encoding?

        @Option(name: .shortAndLong, help: "Write the draft to this file (default: standard output).", completion: FileKinds.yaml)
        var out: String?

        @OptionGroup var language: LanguageOption

        func run() throws {
            try finish(Runner.mappingDraft(files: files, encoding: encoding, out: out, language: language.lang))
        }
    }
}
