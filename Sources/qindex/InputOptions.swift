import ArgumentParser
import Foundation
import QualityData
import QualityIngest
import QualityReport
import QualityRun

/// The inputs every command reads — `report`, `targets` and `index` take
/// the same options, so they read the same data the same way.
struct InputOptions: ParsableArguments {
    @Argument(help: "Sampling-result files (.csv or .csv.gz, UTF-8 or GB18030).")
    var files: [String] = []

    @Option(help: "Mapping file (YAML or JSON) for other layouts: headers, values, date format, encoding, separator.")
    var mapping: String?

    @Option(help: "Force the input encoding: utf-8 or gb18030 (default: detect per file).")
    var encoding: String?

    @Option(help: "GB/T 2260 region table to use instead of the bundled 2019-04 edition.")
    var regions: String?

    @Option(help: "Inspection-record files (.csv / .csv.gz; docs/inputs.md §2); repeatable.")
    var inspections: [String] = []

    @Option(help: "Regional-statistics files in long format (region_code, year, indicator, value); repeatable.")
    var stats: [String] = []

    @Option(help: "Enterprise register (enterprise_code or name, region, licensed): the population for enterprise inspection coverage.")
    var register: [String] = []

    @Option(help: "Mapping file (YAML: columns, values, defaults) for inspection records in another layout.")
    var inspectionMapping: String?

    @OptionGroup var language: LanguageOption

    @Option(help: "SQLite database: `report` records every run in it; every command reads earlier years of plan targets from it.")
    var db: String = "qindex.sqlite"

    @Flag(help: "Do not use the database.")
    var noDb = false

    @Option(help: "Gzip inflater: auto (ISA-L when built with it), zlib or isal.")
    var inflate: String = "auto"

    @Option(help: "Parser threads per file (default: the number of cores; 1 = the simple sequential path).")
    var threads: Int?

    @Option(help: "Folder for columnar snapshots that make a second run over unchanged files fast (default: $XDG_CACHE_HOME/qindex or ~/.cache/qindex).")
    var cache: String?

    @Flag(help: "Neither read nor write snapshots.")
    var noCache = false

    @Flag(help: "Stop at the first file that cannot be read.")
    var strict = false

    /// The run's input configuration; every option checked here.
    func configuration(plan: String? = nil, index: String? = nil, snapshotInBackground: Bool = false) throws -> InputConfiguration {
        var c = InputConfiguration()
        c.language = try language.value
        c.files = files
        var options = SamplingIngestOptions()
        options.strict = strict
        if let encoding {
            guard let e = TextEncoding(name: encoding) else { throw ValidationError("--encoding must be utf-8 or gb18030") }
            options.encoding = e
        }
        guard let backend = InflateBackend(rawValue: inflate) else { throw ValidationError("--inflate must be auto, zlib or isal") }
        if backend == .isal && !InflateBackend.isalAvailable {
            throw ValidationError("--inflate isal: this build has no ISA-L (install libisal-dev and rebuild)")
        }
        options.inflate = backend
        options.progress = ProgressDisplay.onTerminal ? c.language : nil
        if !noCache {
            options.snapshotDirectory = cache ?? SamplingIngestOptions.defaultSnapshotDirectory
            options.snapshotInBackground = snapshotInBackground
        }
        if let threads {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            options.threads = threads
        }
        if let mapping { options.mapping = Mapping.builtIn.merged(with: try Mapping.load(path: mapping)) }
        if let regions {
            do {
                options.regions = try RegionTable(tsv: try String(contentsOfFile: regions, encoding: .utf8))
            } catch {
                throw ValidationError("--regions \(regions): \((error as? RegionTableError)?.description ?? "cannot be read as UTF-8 text / 无法按 UTF-8 读取")")
            }
        }
        c.ingest = options
        c.inspections = inspections
        c.statistics = stats
        c.register = register
        c.inspectionMapping = inspectionMapping
        c.plan = plan
        c.index = index
        c.database = noDb ? nil : db
        return c
    }
}

/// `--lang zh|en`: one declaration for every command that speaks to the user.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language: zh or en.")
    var lang: String = "zh"

    var value: Language {
        get throws {
            guard let l = Language(rawValue: lang) else { throw ValidationError("--lang must be zh or en") }
            return l
        }
    }
}

/// Prints an outcome: output on standard output, messages on standard
/// error, and its exit status.
func finish(_ outcome: RunOutcome) throws {
    for line in outcome.errors { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    for line in outcome.output { print(line) }
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
}
