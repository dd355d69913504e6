import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct MappingTests {
    @Test func chicagoExampleLoadsWithItsMappingFile() throws {
        let mapping = Mapping.builtIn.merged(with: try Mapping.load(path: Fixtures.path("datasets/examples/chicago-food-inspections.yaml")))
        let r = try Fixtures.load(Fixtures.path("datasets/real/chicago-food-inspections-2013-2015.csv"), mapping: mapping)
        let f = r.files[0]
        #expect(f.error == nil)
        #expect(f.accountingCloses)
        #expect(f.emptyLines == 55_682)  // lines of only ",,,,"
        #expect(f.rowsRead == 97_801)
        #expect(f.loaded + f.rejected == 97_801 - 55_682)  // 33,697 pass + 8,422 fail
        #expect(f.rejected == 18 && r.rejects.allSatisfy { $0.reason == .missingValue && $0.column == "region_code" })  // rows without a ZIP code
        #expect(r.table.regions.regions.contains { $0.code == "60827" && $0.level == .other })
        #expect(Set(r.table.year) == [2013, 2014, 2015])
    }

    @Test func malformedMappingNamesTheKey() {
        #expect(throws: IngestError.mapping(path: "<mapping>", reason: "key 'values.result.Meh': 'maybe' is not one of excluded, fail, pass, refused, revoked, unlicensed, untested")) {
            _ = try Mapping.parse(yaml: "values:\n  result:\n    Meh: maybe\n")
        }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "columns:\n  zip: not_a_column\n") }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "colums: {}\n") }
        #expect(throws: IngestError.self) { _ = try Mapping.parse(yaml: "date_format: [\n") }
    }

    @Test func userValuesAndDefaultsApply() throws {
        let m = Mapping.builtIn.merged(with: try Mapping.parse(yaml: """
            separator: ";"
            date_format: DD.MM.YYYY
            columns: { Kontrolle: batch_id, Datum: sample_date, Ergebnis: result, PLZ: region_code }
            values: { result: { bestanden: pass, "nicht bestanden": fail } }
            defaults: { level: municipal, product_name: Lebensmittel }
            regions: free
            """))
        let path = Fixtures.file("Kontrolle;Datum;Ergebnis;PLZ\nK1;03.04.2019;bestanden;10115\nK2;05.04.2019;nicht bestanden;10115\n")
        let r = try Fixtures.load(path, mapping: m)
        #expect(r.table.count == 2)
        #expect(r.table.day[0] == CivilDate.days(year: 2019, month: 4, day: 3))
        #expect(r.table.outcome == [SamplingOutcome.pass.rawValue, SamplingOutcome.fail.rawValue])
        #expect(r.table.level == [SamplingLevel.municipal.rawValue, SamplingLevel.municipal.rawValue])
    }
}
