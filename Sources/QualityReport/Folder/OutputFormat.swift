import Foundation
import QualityData
import QualityRuntime

/// The formats of a run folder (`qindex report --format csv,xlsx,md,html`),
/// each declared once below — its writer, the names it writes at the top of
/// the folder, whether a report writes it unless `--format` says otherwise,
/// and its line in `--help` — in an exhaustive switch, so a new format does
/// not compile until it is declared. A new format is a writer file and a case.
public enum OutputFormat: String, CaseIterable, Sendable {
    case csv, xlsx, md, html, parquet

    struct Declaration {
        let write: @Sendable (RunFolder) throws -> Void
        /// What it writes at the top of the run folder (the swap replaces exactly these).
        let names: [String]
        /// Written when `--format` is not given.
        let byDefault: Bool
        /// What `--help` says it writes.
        let help: String
    }

    var declaration: Declaration {
        switch self {
        case .csv: return Declaration(write: CSVFolderWriter.write, names: ["tables"], byDefault: true, help: "csv (tables/*.csv)")
        case .xlsx: return Declaration(write: WorkbookFolderWriter.write, names: ["tables.xlsx"], byDefault: true, help: "xlsx (tables.xlsx)")
        case .md: return Declaration(write: MarkdownFolderWriter.write, names: ["report.md"], byDefault: true, help: "md (report.md)")
        case .html: return Declaration(write: HTMLFolderWriter.write, names: ["index.html", "bulletin.html", "regions"], byDefault: true,
                                       help: "html (index.html, bulletin.html and region pages)")
        case .parquet: return Declaration(write: ParquetTablesWriter.write, names: [ParquetTablesWriter.folder], byDefault: false,
                                          help: "parquet (parquet/*.parquet: the tables typed for BI tools; not by default)")
        }
    }

    /// The names each format writes at the top of the run folder.
    var names: [String] { declaration.names }

    /// The formats a report writes when `--format` is not given.
    public static var defaults: Set<OutputFormat> { Set(allCases.filter { $0.declaration.byDefault }) }

    /// `--format`'s default, in declaration order (`csv,xlsx,md,html`).
    public static var defaultList: String { allCases.filter { $0.declaration.byDefault }.map(\.rawValue).joined(separator: ",") }

    /// Every format and what it writes, for `--help`.
    public static var help: String { allCases.map { $0.declaration.help }.joined(separator: ", ") }

    /// Writes this format of a run folder.
    func write(_ folder: RunFolder) throws { try declaration.write(folder) }

    /// Reads a comma-separated list (`csv,xlsx`); nil when a name is unknown.
    public static func parse(_ text: String) -> Set<OutputFormat>? {
        var out = Set<OutputFormat>()
        for part in text.split(separator: ",") {
            guard let f = OutputFormat(rawValue: part.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            out.insert(f)
        }
        return out.isEmpty ? nil : out
    }
}

/// What every writer is given: the folder, the tables (built once), the
/// report document and the region pages.
struct RunFolder: Sendable {
    let dir: String
    let tables: [ReportTable]
    let document: ReportDocument
    let pages: [(code: String, doc: ReportDocument)]
    let lang: Language
    let header: PageHeader
    /// bulletin.html (nil when nothing was tested).
    var bulletin: ReportDocument? = nil
}

/// Writes one format of a run folder.
protocol FolderWriter {
    static func write(_ folder: RunFolder) throws
}

extension RunFolder {
    /// Every table but rejects (rejects.csv is beside them, always written)
    /// as one file each, `<folder>/<table>.<ext>`, written in parallel.
    func writeTables(into folder: String, ext: String, _ bytes: @Sendable (ReportTable) -> [UInt8]) throws {
        let dir = (self.dir as NSString).appendingPathComponent(folder)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tables = self.tables.filter { $0.name != "rejects" }
        let errors = IndexedResults<Error>()
        DispatchQueue.concurrentPerform(iterations: tables.count) { i in
            let path = (dir as NSString).appendingPathComponent("\(tables[i].name).\(ext)")
            do { try Data(bytes(tables[i])).write(to: URL(fileURLWithPath: path), options: .atomic) } catch { errors.set(i, error) }
        }
        if let e = errors.ordered.first { throw e }
    }
}

/// tables/*.csv: one CSV per table (UTF-8 with BOM, CRLF), written in parallel.
enum CSVFolderWriter: FolderWriter {
    static func write(_ f: RunFolder) throws { try f.writeTables(into: "tables", ext: "csv") { $0.csvBytes() } }
}

/// tables.xlsx: every table a sheet (XLSXWriter).
enum WorkbookFolderWriter: FolderWriter {
    static func write(_ f: RunFolder) throws {
        let path = (f.dir as NSString).appendingPathComponent("tables.xlsx")
        try Data(XLSXWriter.workbook(f.tables, lang: f.lang)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// report.md: the findings and tables as Markdown.
enum MarkdownFolderWriter: FolderWriter {
    static func write(_ f: RunFolder) throws {
        try ReportWriter.write(f.document.markdown(), to: (f.dir as NSString).appendingPathComponent("report.md"))
    }
}

/// index.html and regions/<code>.html: self-contained pages.
enum HTMLFolderWriter: FolderWriter {
    static func write(_ f: RunFolder) throws {
        // Region names in tables link to the region's page where one is written.
        let codes = Set(f.pages.map(\.code))
        if !f.pages.isEmpty {
            let regionsDir = (f.dir as NSString).appendingPathComponent("regions")
            try FileManager.default.createDirectory(atPath: regionsDir, withIntermediateDirectories: true)
            for (code, page) in f.pages {
                try ReportWriter.write(HTMLReport.render(page, home: "../index.html", header: f.header, links: HTMLReport.RegionLinks(codes: codes, prefix: "")),
                                       to: (regionsDir as NSString).appendingPathComponent("\(code).html"))
            }
        }
        try ReportWriter.write(HTMLReport.render(f.document, header: f.header, links: HTMLReport.RegionLinks(codes: codes)), to: (f.dir as NSString).appendingPathComponent("index.html"))
        if let b = f.bulletin {
            try ReportWriter.write(HTMLReport.render(b, home: "index.html", header: f.header, page: .bulletin, links: HTMLReport.RegionLinks(codes: codes)),
                                   to: (f.dir as NSString).appendingPathComponent("bulletin.html"))
        }
    }
}
