import Foundation
import Testing
import _QualityTestSupport
@testable import QualityRun

/// tables.xlsx as a user opens it (issue 18): LibreOffice Calc (Debian's
/// libreoffice-calc, installed by scripts/test.sh) reads every sheet and
/// exports it as shown — Chinese headers with units, rates as percentages
/// equal to the CSV's, credit codes and region codes as text (not
/// 9.14e+17), dates as dates.
@Suite struct WorkbookInLibreOfficeTests {
    @Test func libreOfficeShowsTheWorkbookAsMeant() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            Issue.record("LibreOffice not found: scripts/test.sh installs it (apt-get install libreoffice-calc)")
            return
        }
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.formats = [.csv, .xlsx]
        #expect(Runner.report(c).exitCode == 0)
        let out = Fixtures.tempDir()
        // Every sheet to CSV, cells as shown (token 9), UTF-8 (76), a profile of its own.
        let r = try Subprocess.run("/usr/bin/timeout", ["180", soffice, "-env:UserInstallation=file://\(out)/profile", "--headless", "--convert-to",
                                                         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                                         "--outdir", out, "\(c.out)/tables.xlsx"])
        #expect(r.status == 0, "\(r.err)")
        func sheet(_ name: String) throws -> [[String]] {
            try String(contentsOfFile: "\(out)/tables-\(name).csv", encoding: .utf8).split(separator: "\n").map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) }
            }
        }
        // By year: the header in Chinese with units; 2020's rate shown as the CSV's, as a percentage.
        let years = try sheet("按年度")
        #expect(years[0].starts(with: ["年度", "抽查批次", "检验批次"]) && years[0].contains("批次合格率（%）"))
        let rateColumn = try #require(years[0].firstIndex(of: "批次合格率（%）"))
        let csv = try FocusRegionTests.rows("\(c.out)/tables/pass_rate_by_year.csv").first { $0["year"] == "2020" }!
        let shown = String(format: "%.2f%%", Double(csv["pass_rate"]!)! * 100)
        #expect(years.first { $0.first == "2020" }?[rateColumn] == shown, "\(years.last ?? [])")
        // Repeat failures: an 18-character credit code intact, dates as yyyy-mm-dd.
        let repeats = try sheet("多次不合格企业")
        #expect(repeats[0].prefix(3) == ["企业", "地区代码", "地区"])
        #expect(repeats.dropFirst().allSatisfy { $0[0].count == 18 && !$0[0].contains("E+") }, "\(repeats.dropFirst().first ?? [])")
        let dateColumn = try #require(repeats[0].firstIndex(of: "首次不合格日期"))
        #expect(repeats.dropFirst().allSatisfy { $0[dateColumn].wholeMatch(of: /20\d\d-\d\d-\d\d/) != nil })
        // Regions: codes as text.
        let regions = try sheet("按地区")
        let codeColumn = try #require(regions[0].firstIndex(of: "地区代码"))
        #expect(regions.dropFirst().contains { $0[codeColumn] == "450000" } && regions.dropFirst().allSatisfy { $0[codeColumn].count == 6 })
    }
}
