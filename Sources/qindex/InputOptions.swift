import ArgumentParser
import QualityRun

/// The inputs every command reads — `report`, `targets`, `index` and
/// `export` take the same options, so they read the same data the same way
/// (QualityRun's ``InputRequest`` checks them).
struct InputOptions: ParsableArguments {
    @Argument(help: "Sampling-result files (.csv or .csv.gz, UTF-8 or GB18030).", completion: FileKinds.data)
    var files: [String] = []

    @Option(help: "Mapping file (YAML or JSON) for other layouts: headers, values, date format, encoding, separator.", completion: FileKinds.yaml)
    var mapping: String?

    @Option(help: "Force the input encoding (gbk, gb2312 and cp936 read as gb18030; default: detect per file).")
    var encoding: Choices.Encoding?

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

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Do not use the database.")
    var noDb = false

    @Option(help: "Gzip inflater (auto: ISA-L when built with it).")
    var inflate: Choices.Inflate = InputRequest().inflate

    @Option(help: "Parser threads per file (default: the number of cores; 1 = the simple sequential path).")
    var threads: Int?

    @Option(help: "Folder for columnar snapshots that make a second run over unchanged files fast (default: $XDG_CACHE_HOME/qindex or ~/.cache/qindex).", completion: .directory)
    var cache: String?

    @Flag(help: "Neither read nor write snapshots.")
    var noCache = false

    @Flag(help: "Stop at the first file that cannot be read.")
    var strict = false

    @Option(help: "A run that rejects more than this share of the sampling rows still writes its report but exits with status 3 (0.01 or 1%; README: exit codes).")
    var maxRejectShare: String = InputRequest().maxRejectShare

    @Option(help: "The day the data are complete to (YYYY-MM-DD): later dates are rejected as future_date (default: today).")
    var asOf: String?

    /// The options as given, for QualityRun; `style` says whether progress may be shown.
    func request(_ style: OutputStyle) -> InputRequest {
        var r = InputRequest()
        r.files = files
        r.mapping = mapping
        r.encoding = encoding
        r.regions = regions
        r.regionsReplace = regionsReplace
        r.inspections = inspections
        r.stats = stats
        r.register = register
        r.inspectionMapping = inspectionMapping
        r.language = language.lang
        r.database = database.db
        r.noDatabase = noDb
        r.inflate = inflate
        r.threads = threads
        r.cache = cache
        r.noCache = noCache
        r.strict = strict
        r.maxRejectShare = maxRejectShare
        r.asOf = asOf
        r.quiet = style.quiet
        r.json = style.json
        return r
    }
}

/// `--lang zh|en`: one declaration for every command that speaks to the user.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the report and the messages.")
    var lang: Choices.Language = InputRequest().language
}

/// `--db FILE`: one declaration for every command that uses the database.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite database (default: \(DatabaseRequest.defaultPath)): `report` records every run in it, every command reads earlier years of plan targets from it, `files` and `history` read it back.", completion: .file(extensions: ["sqlite", "db"]))
    var db: String?

    /// `files` and `history`: the database, read back in `language`.
    func request(_ language: LanguageOption) -> DatabaseRequest {
        var r = DatabaseRequest()
        r.path = db
        r.language = language.lang
        return r
    }
}

/// `--out DIR`: one declaration for the commands that write a folder
/// (`report`, `export`, `sql`); each has its default folder.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output folder (default: \(ReportRequest().out) for report, \(ExportRequest().out) for export, \(SQLRequest().out) for sql).", completion: .directory)
    var out: String?

    func folder(default name: String) -> String { out ?? name }
}

/// How a command speaks: its summary as text (default), as one JSON object
/// (`--json`), or not at all (`--quiet`: errors only, on standard error).
struct OutputStyle: ParsableArguments {
    @Flag(help: "Print nothing but errors (on standard error); the exit status says how the run went.")
    var quiet = false

    @Flag(help: "Print the run's summary as one JSON object on standard output (for `report`, the same object as run.json; schema in docs/tables.md).")
    var json = false

    func validate() throws {
        if quiet && json { throw ValidationError(CommandMessages.quietOrJSONInBoth) }
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
}
