import Foundation
import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualitySynthetic

@Suite struct GeneratorTests {
    func generate(_ batches: Int, zh: Bool = true, encoding: TextEncoding = .utf8, seed: UInt64 = 7) throws -> (String, GeneratorSummary) {
        var o = GeneratorOptions()
        o.batches = batches
        o.chineseHeaders = zh
        o.encoding = encoding
        o.seed = seed
        let path = (Fixtures.tempDir() as NSString).appendingPathComponent("gen.csv.gz")
        return (path, try SamplingHistoryGenerator(options: o).write(to: path))
    }

    @Test func generatedHistoryLoadsCleanly() throws {
        let (path, s) = try generate(5000)
        let r = try SamplingIngest.load(paths: [path])
        let f = r.files[0]
        #expect(f.rejected == 0 && f.accountingCloses)
        #expect(f.loaded == s.batches && f.rowsRead == s.rows)
        #expect(f.merged == s.continuationRows + s.duplicateRows && f.duplicates == s.duplicateRows)
        #expect(f.invalidCreditCodes == 0)
        #expect(Set(r.table.year) == Set(2011...2020))
        #expect(r.table.outcome.contains(SamplingOutcome.refused.rawValue))
    }

    @Test func sameSeedSameBytes() throws {
        let (a, _) = try generate(800, seed: 3)
        let (b, _) = try generate(800, seed: 3)
        let (c, _) = try generate(800, seed: 4)
        let da = FileManager.default.contents(atPath: a)!, db = FileManager.default.contents(atPath: b)!
        #expect(da == db)
        #expect(da != FileManager.default.contents(atPath: c)!)
    }

    @Test func englishAndGB18030VariantsLoadToTheSameTable() throws {
        let (zh, _) = try generate(1500, zh: true, seed: 9)
        let (en, _) = try generate(1500, zh: false, encoding: .gb18030, seed: 9)
        let a = try SamplingIngest.load(paths: [zh]), b = try SamplingIngest.load(paths: [en])
        #expect(b.files[0].encoding == "gb18030" || b.files[0].encoding == "utf-8")
        #expect(a.table.outcome == b.table.outcome && a.table.day == b.table.day && a.table.level == b.table.level)
        #expect(a.table.region == b.table.region && a.table.channel == b.table.channel && a.table.size == b.table.size)
    }

    /// Every product has a GB/T 4754-2017 class of the bundled reference
    /// table, written on every row (with its section letter, or digits only
    /// on one row in ten, as exports come); both forms read as section C.
    @Test func industryCodesAreGBT4754Classes() throws {
        let reference = try String(contentsOfFile: Fixtures.path("datasets/reference/gbt4754-2017.csv"), encoding: .utf8)
        var classes: [String: String] = [:]
        for line in reference.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f.count > 5, f[0] == "4" { classes[String(f[5])] = String(f[1]) }
        }
        #expect(SamplingHistoryGenerator.productIndustries.count == SamplingHistoryGenerator.productStems.count)
        for c in SamplingHistoryGenerator.productIndustries { #expect(classes[c] == "C", "\(c)") }
        let (path, s) = try generate(3000)
        let r = try SamplingIngest.load(paths: [path])
        #expect(!r.table.industry.contains(missingDictionaryCode) && r.table.industry.count == s.batches)
        let codes = (0..<r.table.industries.count).map { r.table.industries.string(UInt32($0)) }
        #expect(codes.contains { $0.hasPrefix("C") } && codes.contains { !$0.hasPrefix("C") })
        #expect(codes.allSatisfy { IndustryCode.matches($0, prefix: "C") && IndustryCode.withSection($0).count == 5 })
    }

    @Test func industryPrefixesMatchWithOrWithoutTheSection() {
        #expect(IndustryCode.withSection("3831") == "C3831" && IndustryCode.withSection("C3831") == "C3831")
        #expect(IndustryCode.withSection("0111") == "A0111" && IndustryCode.withSection("5292") == "F5292" && IndustryCode.withSection("9700") == "T9700")
        #expect(IndustryCode.matches("3831", prefix: "C") && IndustryCode.matches("C3831", prefix: "38") && IndustryCode.matches("3831", prefix: "C38"))
        #expect(!IndustryCode.matches("5292", prefix: "C") && !IndustryCode.matches("C3831", prefix: "26"))
    }

    @Test func creditCodesAreValid() {
        var rng = SeededRandom(seed: 1)
        for _ in 0..<500 { #expect(CreditCode.isValid(SamplingHistoryGenerator.creditCode(region: "450102", rng: &rng))) }
    }
}
