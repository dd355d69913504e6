import Foundation
import QualityData
import QualityIndicators
import Testing
import _QualityTestSupport
@testable import QualityReport

/// The findings name run-rule signals of the control chart, not only points
/// beyond 3σ (issue 17), and say which chart drew the limits.
@Suite struct ReportFindingsTests {
    @Test func runRuleSignalsAreFindings() throws {
        // 12 quarters of 50 batches: eight at 49 passed (a run above the
        // centre), then four at 42 (within 3σ, beyond 2σ: 2 of 3).
        var lines: [String] = []
        for q in 0..<12 {
            let date = String(format: "%04d-%02d-01", 2018 + q / 4, (q % 4) * 3 + 1)
            let passed = q < 8 ? 49 : 42
            for b in 0..<50 { lines.append("Q\(q)-\(b),\(date),provincial,450102,童车,\(b < passed ? "pass" : "fail")") }
        }
        let load = try Fixtures.load(Fixtures.file("batch_id,sample_date,level,region_code,product_name,result\n" + lines.joined(separator: "\n") + "\n"))
        let analysis = Analysis.compute(load.table)
        let chart = analysis.findings.controlCharts
        #expect(chart.count == 12 && chart.allSatisfy { !$0.point.laney && !$0.point.beyondLimits })
        #expect(chart[7].point.run && chart.dropFirst(8).filter(\.point.twoOfThree).count >= 2)
        let zh = ReportFindings.sentences(analysis, year: 2020, lang: .zh).joined(separator: "\n")
        #expect(zh.contains("按季度的合格率控制图（p 图）中 "))
        #expect(zh.contains("个期间出现趋势信号（连续同侧或 3 点中 2 点超出 2σ）：2019-Q4 98.0%"), "\(zh)")
        let en = ReportFindings.sentences(analysis, year: 2020, lang: .en).joined(separator: "\n")
        #expect(en.contains("with a run-rule signal"))
    }
}
