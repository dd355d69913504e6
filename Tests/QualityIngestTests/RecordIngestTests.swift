import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityIngest

@Suite struct RecordIngestTests {
    @Test func inspectionRecordsLoadWithRejectsAndAccounting() throws {
        let text = """
            检查编号,检查日期,行政区划代码,统一社会信用代码,企业名称,检查类型,是否获证,风险等级,发现隐患数,已整改隐患数,处理结果
            J1,2019-03-01,450102001,91450102489300526K,甲公司,日常检查,是,C,3,3,责令整改
            J2,2019/4/2,450103,,乙公司,专项检查,否,高,0,0,合格
            J3,2019-05-01,450102,,丙公司,日常检查,是,A,2,3,责令整改
            J4,2019-13-01,450102,,丁公司,日常检查,是,A,0,0,合格

            J5,2019-06-01,450102,,戊公司,抽风检查,是,A,0,0,合格
            J1,2019-03-01,450102001,91450102489300526K,甲公司,日常检查,是,C,3,3,责令整改
            J1,2019-03-02,450102001,91450102489300526K,甲公司,日常检查,是,C,3,3,责令整改
            J6,2019-07-01,999999,,己公司,日常检查,是,A,1,0,行政处罚
            J7,2019-07-02,450102,,,日常检查,是,A,1,0,行政处罚
            J8,2019-07-03,450100,,庚公司,回头看,是,B,-1,0,合格
            """
        let r = RecordIngest.loadInspections(paths: [Fixtures.file(text, name: "insp.csv")])
        let f = try #require(r.files.first)
        #expect(f.kind == "inspections" && f.accountingCloses)
        #expect(f.rowsRead == 11 && f.loaded == 2 && f.emptyLines == 1 && f.merged == 1 && f.rejected == 7)
        #expect(r.records.map(\.id) == ["J1", "J2"])
        let j1 = r.records[0]
        #expect(j1.township == "450102001" && RegionTable.bundled[j1.region].code == "450102" && j1.enterprise == "91450102489300526K")
        #expect(j1.type == .routine && j1.licensed == true && j1.riskClass == "C" && j1.hazardsFound == 3 && j1.outcome == .rectification)
        #expect(r.records[1].riskClass == "high" && r.records[1].licensed == false && r.records[1].township == nil)
        let reasons = r.rejects.map { "\($0.line) \($0.column) \($0.reason.rawValue)" }
        #expect(reasons == [
            "4 hazards_rectified rectified_exceeds_found", "5 inspection_date invalid_date", "7 inspection_type unknown_value",
            "9 inspection_id duplicate_id", "10 region_code unknown_region_code", "11 enterprise_code missing_value",
            "12 hazards_found invalid_number",
        ])
    }

    @Test func regionalStatisticsParsePercentagesByUnit() throws {
        let text = """
            地区代码,年份,指标,数值,单位,来源
            450000,2019,certification_rate,85.2%,ratio,统计年鉴
            450000,2019,rd_share,0.61,%,统计年鉴
            450000,2019,brand_products_new,"1,234",个,
            450000,2019,brand_products_new,"1,234",个,
            450000,2019,brand_products_new,99,个,
            459999,2019,x,1,,
            450000,20x9,x,1,,
            450000,2019,y,many,,
            """
        let r = RecordIngest.loadStatistics(paths: [Fixtures.file(text, name: "stats.csv")])
        let f = try #require(r.files.first)
        #expect(f.accountingCloses && f.loaded == 3 && f.merged == 1 && f.rejected == 4)
        #expect(r.records.map(\.value) == [0.852, 0.61, 1234])
        #expect(r.rejects.map(\.reason) == [.duplicateId, .unknownRegionCode, .invalidNumber, .invalidNumber])
    }

    /// Issue 30: inspection rows with 9223372036854775807 hazards used to
    /// overflow the region's sum; now each is rejected `value_out_of_range`
    /// (above 10^6), a number beyond Int64 `invalid_number`, and a statistic
    /// of 1e300 out of range too. The rows around them load.
    @Test func numbersTooLargeToBeTrueAreRejectedNotSummed() throws {
        let text = """
            检查编号,检查日期,行政区划代码,企业名称,发现隐患数,已整改隐患数
            J1,2019-03-01,450102,甲公司,9223372036854775807,9223372036854775807
            J2,2019-03-01,450102,乙公司,9223372036854775807,9223372036854775807
            J3,2019-03-01,450102,丙公司,9223372036854775807,9223372036854775807
            J4,2019-03-01,450102,丁公司,9223372036854775808,0
            J5,2019-03-01,450102,戊公司,1000000,1000000
            J6,2019-03-01,450102,己公司,1000001,0
            """
        let r = RecordIngest.loadInspections(paths: [Fixtures.file(text, name: "huge.csv")])
        #expect(r.records.map(\.id) == ["J5"])
        #expect(r.rejects.map { "\($0.line) \($0.column) \($0.reason.rawValue)" } == [
            "2 hazards_found value_out_of_range", "3 hazards_found value_out_of_range", "4 hazards_found value_out_of_range",
            "5 hazards_found invalid_number", "7 hazards_found value_out_of_range",
        ])
        #expect(IngestMessages.reason(.valueOutOfRange).en.contains("1000000"))
        let stats = "地区代码,年份,指标,数值\n450000,2019,gdp,1e300\n450000,2019,gdp2,-2e15\n450000,2019,gdp3,999999999999999\n"
        let s = RecordIngest.loadStatistics(paths: [Fixtures.file(stats, name: "big-stats.csv")])
        #expect(s.rejects.map(\.reason) == [.valueOutOfRange, .valueOutOfRange] && s.records.map(\.value) == [999_999_999_999_999])
    }

    @Test func missingColumnsAndBrokenFilesAreReportedNotFatal() throws {
        let noId = Fixtures.file("检查日期,行政区划代码,企业名称\n2019-01-01,450102,甲\n", name: "noid.csv")
        let r = RecordIngest.loadInspections(paths: [noId, "/nonexistent/insp.csv"])
        #expect(r.files.count == 2 && r.failures.count == 2)
        if case .missingColumns(_, let missing, _) = r.files[0].error { #expect(missing == ["inspection_id"]) } else { Issue.record("expected missing columns") }
    }

    @Test func gb18030InspectionsLoadLikeUTF8() throws {
        let text = "检查编号,检查日期,所属地市,企业名称,处理结果\nJ1,2019年3月1日,南宁市,甲公司,责令整改\n"
        let utf8 = RecordIngest.loadInspections(paths: [Fixtures.file(text, name: "u.csv")])
        let gbk = RecordIngest.loadInspections(paths: [Fixtures.file(Fixtures.gb18030(text), name: "g.csv")])
        #expect(gbk.files[0].encoding == "gb18030" && utf8.records == gbk.records && gbk.records.count == 1)
        #expect(gbk.records[0].outcome == .rectification && RegionTable.bundled[gbk.records[0].region].code == "450100")
    }

    @Test func aUserMappingRenamesHeadersAndValues() throws {
        let yaml = Fixtures.file("""
            name: county export
            columns:
              检查单号: inspection_id
              查处结果: outcome
            values:
              outcome: { 限期整改: rectification }
            """, name: "m.yaml")
        let mapping = try RecordMapping.load(path: yaml, schema: RecordIngest.inspectionSchema)
        let text = "检查单号,检查日期,行政区划代码,企业名称,查处结果\nK1,2019-03-01,450102,甲,限期整改\n"
        let r = RecordIngest.loadInspections(paths: [Fixtures.file(text, name: "k.csv")], mapping: mapping)
        #expect(r.files[0].mapping == "county export" && r.records.first?.outcome == .rectification && r.files[0].loaded == 1)
        let bad = Fixtures.file("columns: { x: not_a_column }", name: "bad.yaml")
        #expect(throws: IngestError.self) { try RecordMapping.load(path: bad, schema: RecordIngest.inspectionSchema) }
    }

    /// One city's inspections, exported without a region column: the
    /// mapping's default region code places every record in 南宁市.
    @Test func aDefaultRegionForRecordsWithoutOne() throws {
        let yaml = Fixtures.file("""
            name: Nanning city export
            defaults: { region_code: "450100" }
            """, name: "city.yaml")
        let mapping = try RecordMapping.load(path: yaml, schema: RecordIngest.inspectionSchema)
        let text = "检查编号,检查日期,企业名称,发现隐患数,已整改隐患数\nN1,2019-03-01,甲,2,2\nN2,2019-04-01,乙,1,0\n"
        let r = RecordIngest.loadInspections(paths: [Fixtures.file(text, name: "nn.csv")], mapping: mapping)
        #expect(r.files[0].loaded == 2 && r.records.allSatisfy { RegionTable.bundled[$0.region].code == "450100" })
        // Without the default the file lacks a required column.
        #expect(RecordIngest.loadInspections(paths: [Fixtures.file(text, name: "nn2.csv")]).files[0].error != nil)
    }
}
