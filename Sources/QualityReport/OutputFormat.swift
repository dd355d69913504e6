import Foundation
import QualityData

/// The formats of a run folder (`qindex report --format csv,xlsx,md,html`).
/// Each is written by one writer, registered here once; a new format is a
/// new writer file and a line below.
public enum OutputFormat: String, CaseIterable, Sendable {
    case csv, xlsx, md, html

    /// The writer of each format.
    static let writers: [OutputFormat: @Sendable (RunFolder) throws -> Void] = [
        .csv: CSVFolderWriter.write, .xlsx: WorkbookFolderWriter.write, .md: MarkdownFolderWriter.write, .html: HTMLFolderWriter.write,
    ]

    /// The names each format writes at the top of the run folder.
    static let entries: [OutputFormat: [String]] = [.csv: ["tables"], .xlsx: ["tables.xlsx"], .md: ["report.md"], .html: ["index.html", "bulletin.html", "regions"]]

    /// Writes this format of a run folder.
    func write(_ folder: RunFolder) throws { try Self.writers[self]!(folder) }

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

/// tables/*.csv: one CSV per table (UTF-8 with BOM, CRLF), written in parallel.
enum CSVFolderWriter: FolderWriter {
    static func write(_ f: RunFolder) throws {
        let tablesDir = (f.dir as NSString).appendingPathComponent("tables")
        try FileManager.default.createDirectory(atPath: tablesDir, withIntermediateDirectories: true)
        let tables = f.tables.filter { $0.name != "rejects" }  // rejects.csv is beside tables/, always written
        let errors = IndexedResults<Error>()
        DispatchQueue.concurrentPerform(iterations: tables.count) { i in
            let path = (tablesDir as NSString).appendingPathComponent(tables[i].name + ".csv")
            do { try Data(tables[i].csvBytes()).write(to: URL(fileURLWithPath: path), options: .atomic) } catch { errors.set(i, error) }
        }
        if let e = errors.ordered.first { throw e }
    }
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
