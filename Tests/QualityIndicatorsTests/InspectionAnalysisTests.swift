import QualityData
import Testing
@testable import QualityIndicators

@Suite struct InspectionAnalysisTests {
    func record(_ id: String, _ year: Int, _ code: String, _ enterprise: String, found: Int?, fixed: Int?, outcome: InspectionOutcome?,
                township: String? = nil, type: InspectionType? = .routine) -> InspectionRecord {
        var r = InspectionRecord(id: id, day: CivilDate.days(year: year, month: 5, day: 1), year: year,
                                 region: RegionTable.bundled.index(ofCode: code)!, enterprise: enterprise)
        r.hazardsFound = found; r.hazardsRectified = fixed; r.outcome = outcome; r.township = township; r.type = type
        return r
    }

    @Test func rollUpCoverageRectificationAndMix() throws {
        let regions = RegionTable.bundled
        let records = [
            record("1", 2019, "450102", "E1", found: 3, fixed: 3, outcome: .rectification, township: "450102001"),
            record("2", 2019, "450102", "E1", found: 2, fixed: 1, outcome: .penalty, township: "450102002"),
            record("3", 2019, "450103", "E2", found: nil, fixed: nil, outcome: nil, type: .special),
            record("4", 2020, "450102", "E3", found: 1, fixed: 1, outcome: .compliant, township: "450102001"),
        ]
        let a = InspectionAnalysis.compute(records, regions: regions)
        let nanning2019 = try #require(a.byRegion.first { $0.year == 2019 && $0.key == "450100" })
        let countiesOfNanning = (0..<regions.count).filter { regions.regions[$0].level == .county && regions.regions[$0].code.hasPrefix("4501") }.count
        #expect(nanning2019.inspections == 3 && nanning2019.enterprises == 2)
        #expect(nanning2019.hazardsFound == 5 && nanning2019.hazardsRectified == 4 && nanning2019.rectificationRate == 0.8)
        #expect(nanning2019.outcomes == [0, 1, 1, 0, 0, 1])
        #expect(nanning2019.counties == countiesOfNanning && nanning2019.countiesInspected == 2)
        // Townships known: the two codes seen in any year; 2019 inspected both, 2020 one.
        #expect(nanning2019.townships == 2 && nanning2019.townshipsInspected == 2 && nanning2019.townshipCoverage == 1)
        let nanning2020 = try #require(a.byRegion.first { $0.year == 2020 && $0.key == "450100" })
        #expect(nanning2020.townshipsInspected == 1 && nanning2020.townshipCoverage == 0.5 && nanning2020.countiesInspected == 1)
        // The national row carries everything; types and risk classes are listed per year.
        #expect(a.byRegion.first { $0.year == 2019 && $0.key == RegionTable.nationalCode }?.inspections == 3)
        #expect(a.byType.filter { $0.year == 2019 }.map { "\($0.key) \($0.inspections)" } == ["routine 2", "special 1"])
        #expect(a.byRisk.first { $0.year == 2019 }?.key == "")
    }
}

extension InspectionAnalysisTests {
    /// Enterprise coverage: the register is the population when given
    /// (unlicensed ones left out); otherwise the enterprises seen licensed.
    @Test func enterpriseCoverageFromTheRegisterOrTheRecords() throws {
        let regions = RegionTable.bundled
        let nn = regions.index(ofCode: "450102")!
        var e1 = record("1", 2019, "450102", "E1", found: 0, fixed: 0, outcome: .compliant)
        e1.licensed = true
        var e9 = record("2", 2019, "450102", "E9", found: 0, fixed: 0, outcome: .compliant)
        e9.licensed = false
        let register = [RegisteredEnterprise(enterprise: "E1", region: nn, licensed: true),
                        RegisteredEnterprise(enterprise: "E2", region: nn, licensed: nil),
                        RegisteredEnterprise(enterprise: "E3", region: nn, licensed: false)]
        let withRegister = InspectionAnalysis.compute([e1, e9], regions: regions, register: register)
        let row = try #require(withRegister.byRegion.first { $0.key == "450100" })
        #expect(row.licensedEnterprises == 2 && row.licensedInspected == 1 && row.enterpriseCoverage == 0.5)
        let fromRecords = try #require(InspectionAnalysis.compute([e1, e9], regions: regions).byRegion.first { $0.key == "450100" })
        #expect(fromRecords.licensedEnterprises == 1 && fromRecords.enterpriseCoverage == 1)
    }
}
