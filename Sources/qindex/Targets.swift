import ArgumentParser
import QualityRun

extension QIndex {
    /// `qindex targets FILE... --plan PLAN`: the plan's progress on the terminal.
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print how far along each plan target is (latest year per target and region): the rows `report` writes in targets.csv, from the same inputs.",
            discussion: """
            Examples:
              qindex targets data/*.csv.gz --plan plan.yaml
              qindex targets data/*.csv.gz --plan plan.yaml --inspections i.csv.gz --stats stats.csv --all-years --lang en
              qindex targets data/*.csv.gz --plan plan.yaml --json | jq '.rows[] | select(.status == "missed")'
            """)

        @OptionGroup var inputs: InputOptions

        @Option(help: "Plan file (YAML).", completion: FileKinds.yaml)
        var plan: String

        @Flag(help: "Every year of every target, not only the latest.")
        var allYears = false

        @OptionGroup var style: OutputStyle

        func run() throws {
            var r = TargetsRequest()
            r.inputs = inputs.request(style)
            r.plan = plan
            r.allYears = allYears
            try finish(usage { try r.run() }, style)
        }
    }
}
