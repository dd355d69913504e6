import Foundation
import QualityData
import QualityIngest
import QualityReport

/// The inputs a command was given, as given (`report`, `targets`, `index`
/// and `export` take the same options, so they read the same data the same
/// way). ``configuration(plan:index:snapshotInBackground:)`` checks each and
/// loads the files that shape the reading (mapping, region table); a wrong
/// one is a ``UsageError`` in the run's language.
public struct InputRequest: Sendable {
    public var files: [String] = []
    public var mapping: String?
    public var encoding: TextEncoding?
    public var regions: String?
    public var regionsReplace = false
    public var inspections: [String] = []
    public var stats: [String] = []
    public var register: [String] = []
    public var inspectionMapping: String?
    public var language: Language = .zh
    /// `--db`; nil: the default database (``DatabaseRequest/defaultPath``).
    public var database: String?
    public var noDatabase = false
    public var inflate: InflateBackend = .auto
    public var threads: Int?
    public var cache: String?
    public var noCache = false
    public var strict = false
    public var maxRejectShare = "1%"
    public var asOf: String?
    /// `--quiet` and `--json`: how the command speaks (progress only when neither).
    public var quiet = false
    public var json = false
    public init() {}

    /// Every file this run reads, of every kind: none may lie inside --out
    /// (``OutputLocation``), where the run's swap would replace it.
    public var paths: [String] {
        files + [mapping, regions, inspectionMapping].compactMap { $0 } + inspections + stats + register
    }

    /// No input of any kind inside `out`, checked before any is read.
    public static func checkOutside(out: String, inputs: [String]) throws {
        do { try OutputLocation.validate(out: out, inputs: inputs) } catch { throw UsageError("\(error)") }
    }

    /// The run's input configuration; every option checked here.
    public func configuration(plan: String? = nil, index: String? = nil, snapshotInBackground: Bool = false) throws -> InputConfiguration {
        var c = InputConfiguration()
        c.language = language
        c.quiet = quiet
        c.files = files
        var options = SamplingIngestOptions()
        options.strict = strict
        if let encoding { options.encoding = encoding }
        if inflate == .isal && !InflateBackend.isalAvailable { throw UsageError(CommandMessages.noISAL(language)) }
        options.inflate = inflate
        // Progress only on a terminal, and never when the output is quiet or JSON.
        options.progress = ProgressDisplay.onTerminal && !quiet && !json ? language : nil
        if !noCache {
            options.snapshotDirectory = cache ?? SamplingIngestOptions.defaultSnapshotDirectory
            if options.snapshotDirectory == nil { options.snapshotOffReason = SnapshotFolder.noHome }
            options.snapshotInBackground = snapshotInBackground
        }
        if let threads {
            guard threads >= 1 else { throw UsageError(CommandMessages.threadsAtLeastOne(language)) }
            options.threads = threads
        }
        if let mapping {
            do { options.mapping = Mapping.builtIn.merged(with: try Mapping.load(path: mapping)) } catch let e as IngestError {
                throw UsageError(e.message(language))
            }
        }
        guard let share = CommandMessages.share(maxRejectShare) else { throw UsageError(CommandMessages.badShare(maxRejectShare)(language)) }
        c.maxRejectShare = share
        if let asOf {
            guard case .success(let day) = DateParser(order: .ymd).parse(asOf) else { throw UsageError(CommandMessages.badAsOf(asOf)(language)) }
            options.asOf = day
        }
        options.regions = try regionTable() ?? options.regions
        c.ingest = options
        c.inspections = inspections
        c.statistics = stats
        c.register = register
        c.inspectionMapping = inspectionMapping
        c.plan = plan
        c.index = index
        // --no-db with a --db named: which was meant cannot be told, so neither is guessed.
        if noDatabase && database != nil { throw UsageError(CommandMessages.noDbWithDb(language)) }
        c.database = noDatabase ? nil : (database ?? DatabaseRequest.defaultPath)
        return c
    }

    /// `--regions FILE` added to the bundled table (or alone with `--regions-replace`); nil without one.
    private func regionTable() throws -> RegionTable? {
        guard let regions else {
            if regionsReplace { throw UsageError(CommandMessages.regionsReplaceWithoutTable(language)) }
            return nil
        }
        guard FileManager.default.fileExists(atPath: regions) else { throw UsageError(CommandMessages.noSuchFile("--regions", regions)(language)) }
        do {
            let text = try RegionTableText(parsing: try String(contentsOfFile: regions, encoding: .utf8))
            return regionsReplace ? try RegionTable(text) : try RegionTable.bundled.adding(text, label: (regions as NSString).lastPathComponent)
        } catch {
            throw UsageError((error as? RegionTableError).map { "--regions \(regions): \($0.message(language))" } ?? CommandMessages.regionsUnreadable(regions)(language))
        }
    }

    /// `--item-classes FILE`, or the bundled classes; a file that cannot be read is a usage error.
    public func itemClasses(_ path: String?) throws -> ItemClasses {
        guard let path else { return .bundled }
        do { return try ItemClassesFile.load(path: path) } catch let e as IngestError { throw UsageError(e.message(language)) }
    }
}
