import ArgumentParser
import Foundation
import QualityData
import QualityIngest
import QualityReport
import QualityRun

/// The inputs every command reads — `report`, `targets` and `index` take
/// the same options, so they read the same data the same way.
struct InputOptions: ParsableArguments {
    @Argument(help: "Sampling-result files (.csv or .csv.gz, UTF-8 or GB18030).", completion: FileKinds.data)
    var files: [String] = []

    @Option(help: "Mapping file (YAML or JSON) for other layouts: headers, values, date format, encoding, separator.", completion: FileKinds.yaml)
    var mapping: String?

    @Option(help: "Force the input encoding (gbk, gb2312 and cp936 read as gb18030; default: detect per file).")
    var encoding: TextEncoding?

    @Option(help: "Region table (code,name[,aliases] per line, or the MCA's four tab-separated columns; docs/inputs.md §5) added to the bundled GB/T 2260 edition of 2023: new codes, new names, old names and codes as aliases.", completion: FileKinds.data)
    var regions: String?

    @Flag(help: "Use the --regions table alone, instead of adding it to the bundled edition.")
    var regionsReplace = false

    @Option(help: "Inspection-record files (.csv / .csv.gz; docs/inputs.md §2); repeatable.", completion: FileKinds.data)
    var inspections: [String] = []

    @Option(help: "Regional-statistics files in long format (region_code, year, indicator, value); repeatable.", completion: FileKinds.data)
    var stats: [String] = []

    @Option(help: "Enterprise register (enterprise_code or name, region, licensed): the population for enterprise inspection coverage.", completion: FileKinds.data)
    var register: [String] = []

    @Option(help: "Mapping file (YAML: columns, values, defaults) for inspection records in another layout.", completion: FileKinds.yaml)
    var inspectionMapping: String?

    @OptionGroup var language: LanguageOption

    @Option(help: "SQLite database: `report` records every run in it; every command reads earlier years of plan targets from it (default: qindex.sqlite).", completion: .file(extensions: ["sqlite", "db"]))
    var db: String?

    @Flag(help: "Do not use the database.")
    var noDb = false

    @Option(help: "Gzip inflater (auto: ISA-L when built with it).")
    var inflate: InflateBackend = .auto

    @Option(help: "Parser threads per file (default: the number of cores; 1 = the simple sequential path).")
    var threads: Int?

    @Option(help: "Folder for columnar snapshots that make a second run over unchanged files fast (default: $XDG_CACHE_HOME/qindex or ~/.cache/qindex).", completion: .directory)
    var cache: String?

    @Flag(help: "Neither read nor write snapshots.")
    var noCache = false

    @Flag(help: "Stop at the first file that cannot be read.")
    var strict = false

    @Option(help: "A run that rejects more than this share of the sampling rows still writes its report but exits with status 3 (0.01 or 1%; README: exit codes).")
    var maxRejectShare: String = "1%"

    @Option(help: "The day the data are complete to (YYYY-MM-DD): later dates are rejected as future_date (default: today).")
    var asOf: String?

    /// Every file this run reads, of every kind: none may lie inside --out
    /// (``OutputLocation``), where the run's swap would replace it.
    var paths: [String] {
        files + [mapping, regions, inspectionMapping].compactMap { $0 } + inspections + stats + register
    }

    /// The run's input configuration; every option checked here.
    func configuration(plan: String? = nil, index: String? = nil, snapshotInBackground: Bool = false, output: OutputStyle = OutputStyle()) throws -> InputConfiguration {
        var c = InputConfiguration()
        c.language = language.value
        c.quiet = output.quiet
        c.files = files
        var options = SamplingIngestOptions()
        options.strict = strict
        if let encoding { options.encoding = encoding }
        let backend = inflate
        if backend == .isal && !InflateBackend.isalAvailable {
            throw ValidationError(CommandMessages.noISAL(c.language))
        }
        options.inflate = backend
        // Progress only on a terminal, and never when the output is quiet or JSON.
        options.progress = ProgressDisplay.onTerminal && !output.quiet && !output.json ? c.language : nil
        if !noCache {
            options.snapshotDirectory = cache ?? SamplingIngestOptions.defaultSnapshotDirectory
            if options.snapshotDirectory == nil { options.snapshotOffReason = SnapshotFolder.noHome }
            options.snapshotInBackground = snapshotInBackground
        }
        if let threads {
            guard threads >= 1 else { throw ValidationError(CommandMessages.threadsAtLeastOne(c.language)) }
            options.threads = threads
        }
        if let mapping {
            do { options.mapping = Mapping.builtIn.merged(with: try Mapping.load(path: mapping)) } catch let e as IngestError {
                throw ValidationError(e.message(c.language))
            }
        }
        guard let share = CommandMessages.share(maxRejectShare) else { throw ValidationError(CommandMessages.badShare(maxRejectShare)(c.language)) }
        c.maxRejectShare = share
        if let asOf {
            guard case .success(let day) = DateParser(order: .ymd).parse(asOf) else { throw ValidationError(CommandMessages.badAsOf(asOf)(c.language)) }
            options.asOf = day
        }
        if let regions {
            guard FileManager.default.fileExists(atPath: regions) else { throw ValidationError(CommandMessages.noSuchFile("--regions", regions)(c.language)) }
            do {
                let text = try RegionTableText(parsing: try String(contentsOfFile: regions, encoding: .utf8))
                options.regions = regionsReplace ? try RegionTable(text)
                    : try RegionTable.bundled.adding(text, label: (regions as NSString).lastPathComponent)
            } catch {
                throw ValidationError((error as? RegionTableError).map { "--regions \(regions): \($0.message(c.language))" } ?? CommandMessages.regionsUnreadable(regions)(c.language))
            }
        } else if regionsReplace {
            throw ValidationError(CommandMessages.regionsReplaceWithoutTable(c.language))
        }
        c.ingest = options
        c.inspections = inspections
        c.statistics = stats
        c.register = register
        c.inspectionMapping = inspectionMapping
        c.plan = plan
        c.index = index
        // --no-db with a --db named: which was meant cannot be told, so neither is guessed.
        if noDb && db != nil { throw ValidationError(CommandMessages.noDbWithDb(c.language)) }
        c.database = noDb ? nil : (db ?? "qindex.sqlite")
        return c
    }
}

/// `--lang zh|en`: one declaration for every command that speaks to the user.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the report and the messages.")
    var lang: Language = .zh

    var value: Language { lang }
}

/// How a command speaks: its summary as text (default), as one JSON object
/// (`--json`), or not at all (`--quiet`: errors only, on standard error).
struct OutputStyle: ParsableArguments {
    @Flag(help: "Print nothing but errors (on standard error); the exit status says how the run went.")
    var quiet = false

    @Flag(help: "Print the run's summary as one JSON object on standard output (for `report`, the same object as run.json; schema in docs/tables.md).")
    var json = false

    func validate() throws {
        if quiet && json { throw ValidationError("\(CommandMessages.quietOrJSON(.en)) (\(CommandMessages.quietOrJSON(.zh)))") }
    }
}

/// `--plan FILE` and `--index FILE`, optional (`report`, `export`, `sql`):
/// the report's targets and composite index, and the filtered sets of
/// batches they need counted (`counts_filtered`).
struct PlanIndexOptions: ParsableArguments {
    @Option(help: "Plan file (YAML) with targets: report adds targets.csv and the targets section; export and sql also count the filtered batches its targets name.", completion: FileKinds.yaml)
    var plan: String?

    @Option(help: "Index framework file (YAML): report adds the composite index (index_scores.csv, index_audit.csv, the index section); export and sql also count the filtered batches its indicators name.", completion: FileKinds.yaml)
    var index: String?
}

/// `--item-classes FILE`: which failing items are about safety (`report`, `export`).
struct ItemClassesOption: ParsableArguments {
    @Option(help: "Item classes (CSV: keyword, class, safety) deciding which failing items are about safety, instead of the bundled datasets/reference/item-classes.csv.", completion: FileKinds.data)
    var itemClasses: String?

    /// The classes given, or the bundled ones; a file that cannot be read is a usage error in `lang`.
    func load(_ lang: Language) throws -> ItemClasses {
        guard let itemClasses else { return .bundled }
        do { return try ItemClassesFile.load(path: itemClasses) } catch let e as IngestError { throw ValidationError(e.message(lang)) }
    }
}

/// Prints an outcome: output on standard output (text, or `json` when
/// `--json`), messages on standard error, and its exit status.
/// (A command without `--quiet` and `--json` passes no style.)
func finish(_ outcome: RunOutcome, output style: OutputStyle? = nil, json: (() -> String)? = nil) throws {
    for line in outcome.errors { Terminal.error(line) }
    if style?.json ?? false {
        if let text = json?() ?? outcome.summary?.json() { Terminal.print(text, terminator: "") }
    } else if !(style?.quiet ?? false) {
        for line in outcome.output { Terminal.print(line) }
    }
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
}

/// Everything qindex writes to standard output and standard error goes
/// through here: a control character from a file's name or cell (ESC[2J,
/// ESC]0;…, ESC[8m) is shown escaped (`\u{1B}`), never obeyed by the terminal.
enum Terminal {
    static func error(_ text: String) { FileHandle.standardError.write(Data((Escaped.lines(text) + "\n").utf8)) }
    static func print(_ text: String, terminator: String = "\n") { Swift.print(Escaped.lines(text), terminator: terminator) }
}
