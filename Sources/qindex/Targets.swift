import ArgumentParser
import QualityIndicators
import QualityReport
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

        @OptionGroup var output: OutputStyle

        func run() throws {
            let c = try inputs.configuration(plan: plan, output: output)
            var (rows, outcome) = Runner.targets(c)
            if !rows.isEmpty || outcome.exitCode == 0 {
                outcome.output.insert(TargetsText.render(rows, allYears: allYears, lang: c.language), at: 0)
                if let line = ReportStrings.targetSummary(rows)?(c.language) { outcome.output.insert(line, at: 1) }
            }
            let picked = allYears ? rows : TargetProgress.latest(rows)
            try finish(outcome, output: output) {
                TableJSON(command: "targets", table: ReportTables.targets(picked), files: outcome.files.map { RunSummary.File($0, lang: c.language) }).json()
            }
        }
    }
}
