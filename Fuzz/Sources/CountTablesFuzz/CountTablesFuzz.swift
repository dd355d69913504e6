import Foundation
import FuzzDriver
import QualityData
import QualityExport
import QualityIndicators
import QualityIngest

/// One fuzz input: a folder of count tables, as `report --from-counts`
/// reads it. The input holds the files one after another, each after a line
/// `@@ NAME` (a count table's file name or `_accounting.json`; any other
/// name is skipped). The folder is read and checked (CountConstraints); when
/// it passes, everything the report derives is derived. Nothing may crash,
/// trap on an overflow or hang: an input is refused with a message, or its
/// numbers are derived.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let dir = FuzzScratch.path("counts")
    let fm = FileManager.default
    try? fm.removeItem(atPath: dir)
    guard (try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil else { return 0 }
    for (name, bytes) in CountFolder.sections(UnsafeBufferPointer(start: data, count: size)) {
        bytes.withUnsafeBufferPointer { b in
            _ = FuzzScratch.write(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, b.count, to: (dir as NSString).appendingPathComponent(name))
        }
    }
    var regions = RegionTable.bundled
    let grouped = GroupedIndicator.registry.map(\.countTableSpec)
    guard let cube = try? CountTablesFile.read(directory: dir, regions: &regions, grouped: grouped) else { return 0 }
    _ = try? CountTablesFile.accounting(directory: dir)
    var analysis = Analysis.derive(cube, regions: regions)
    analysis.chooseReportYear(requested: nil, yearsFromDates: true)
    if let i = cube.inspections { _ = InspectionAnalysis.derive(i, regions: regions) }
    return 0
}

enum CountFolder {
    /// The names a section may have: every table `qindex sql` renders, and the accounting.
    static let names: Set<String> = Set((CountTableKind.allCases.map(\.table) + GroupedIndicator.registry.map(\.countTableSpec.table)
                                         + CountCube.otherTables + [CountCube.filtersTable, CountCube.filteredTable,
                                                                    InspectionCounts.table, InspectionCounts.populationTable]).map { $0 + ".csv" }
                                        + [CountCube.accountingFile])

    /// The input split at lines `@@ NAME`.
    static func sections(_ bytes: UnsafeBufferPointer<UInt8>) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var name: String?, body: [UInt8] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let line = Array(bytes[start..<min(end + 1, bytes.count)])
            if line.starts(with: [0x40, 0x40, 0x20]) {
                if let n = name { out.append((n, body)) }
                let text = String(decoding: line.dropFirst(3), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                name = names.contains(text) ? text : nil
                body = []
            } else {
                body += line
            }
            start = end + 1
        }
        if let n = name { out.append((n, body)) }
        return out
    }
}

@_cdecl("CountTablesFuzz_main")
public func countTablesFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
