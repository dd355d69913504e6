import ArgumentParser
import QualityReport
import QualityRun

extension QIndex {
    /// `qindex targets FILE... --plan PLAN`: the plan's progress on the terminal.
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print how far along each plan target is (latest year per target and region): the rows `report` writes in targets.csv, from the same inputs.")

        @OptionGroup var inputs: InputOptions

        @Option(help: "Plan file (YAML).")
        var plan: String

        @Flag(help: "Every year of every target, not only the latest.")
        var allYears = false

        func run() throws {
            let c = try inputs.configuration(plan: plan)
            var (rows, outcome) = Runner.targets(c)
            if !rows.isEmpty || outcome.exitCode == 0 {
                outcome.output.insert(TargetsText.render(rows, allYears: allYears, lang: c.language), at: 0)
                if let line = ReportStrings.targetSummary(rows)?(c.language) { outcome.output.insert(line, at: 1) }
            }
            try finish(outcome)
        }
    }
}
