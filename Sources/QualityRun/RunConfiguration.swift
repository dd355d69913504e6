import QualityData
import QualityIndicators
import QualityIngest
import QualityReport

/// What a run reads: the same for `qindex report`, `targets` and `index`,
/// so the three commands see the same data and give the same numbers.
public struct InputConfiguration: Sendable {
    /// Sampling-result files.
    public var files: [String] = []
    /// How they are read: mapping, encoding, region table, inflater,
    /// threads, snapshot folder (nil: no cache), strict.
    public var ingest = SamplingIngestOptions()
    public var inspections: [String] = []
    public var statistics: [String] = []
    public var register: [String] = []
    /// A mapping file for inspection records in another layout.
    public var inspectionMapping: String?
    public var plan: String?
    public var index: String?
    /// The SQLite database (nil: none). `report` records the run in it;
    /// every command reads earlier years of plan targets from it.
    public var database: String?
    public var language: Language = .zh
    /// A run whose sampling files reject more than this share of their rows
    /// still writes its report, and exits with ``RejectSummary/exitCode``.
    public var maxRejectShare = RejectSummary.defaultMaxShare
    /// `--quiet`: the reject summary only where the run is over its share (then with the warning).
    public var quiet = false
    public init() {}
}

/// What `qindex report` adds to the inputs: methods and the run folder.
public struct ReportConfiguration: Sendable {
    public var inputs: InputConfiguration
    public var methods = AnalysisOptions()
    public var out: String
    public var header = PageHeader()
    /// The user's boundary map (`--map`), for the cities' choropleth.
    public var map: RegionMap?
    /// The formats written (`--format`; the registry's defaults); rejects.csv and run.json always.
    public var formats = OutputFormat.defaults
    /// Options as given, recorded in run.json and the database.
    public var options: [String: RunOption] = [:]
    /// Print each stage's time on standard error.
    public var timings = false
    /// `--from-counts DIR`: the count tables to report from, instead of sampling files.
    public var fromCounts: String?
    public init(inputs: InputConfiguration, out: String) { self.inputs = inputs; self.out = out }
}

/// What a run has to say: lines for standard output and standard error,
/// and the exit status (0: every file loaded; 1: a file or the database
/// failed — the output is still written where it could be).
public struct RunOutcome: Sendable {
    public var output: [String] = []
    public var errors: [String] = []
    public var exitCode: Int32 = 0
    /// `report`: what run.json holds (`--json` prints it).
    public var summary: RunSummary?
    /// `export`: what export.json holds (`--json` prints it).
    public var exportSummary: ExportSummary?
    /// The input files' accounting (`--json` of every command).
    public var files: [FileReport] = []
    /// What `--json` prints when it is not ``summary`` (export, targets, index).
    public var json: String?
    public init() {}
}
