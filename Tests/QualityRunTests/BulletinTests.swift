import Foundation
import QualityData
import QualityReport
import Testing
import _QualityTestSupport
@testable import QualityRun

/// bulletin.html (issue 17): one A4 page in a real browser, its headline
/// numbers as the tables have them, its footer naming source, date and tool.
@Suite struct BulletinTests {
    static func chromium() -> String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func theSampleBulletinIsOneA4PageWithTheTablesNumbers() throws {
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.formats = [.csv, .html]
        let outcome = Runner.report(c)
        #expect(outcome.exitCode == 0, "\(outcome.errors)")
        let html = try String(contentsOfFile: "\(c.out)/bulletin.html", encoding: .utf8)
        // The headline sentence carries the focus region's counts and rate from pass_rate_by_region.csv.
        let region = try FocusRegionTests.rows("\(c.out)/tables/pass_rate_by_region.csv").first { $0["year"] == "2020" && $0["region_code"] == "450000" }!
        let sentence = "2020 年，广西壮族自治区共抽查产品 \(NumberText.count(Int(region["batches_sampled"]!)!)) 批次，检验 "
            + "\(NumberText.count(Int(region["batches_tested"]!)!)) 批次，合格 \(NumberText.count(Int(region["passed"]!)!)) 批次，批次合格率为 "
            + NumberText.percent(Double(region["pass_rate"]!)!)
        #expect(html.contains(sentence), "\(sentence)")
        #expect(html.contains("数据截至 2020-12-31") && html.contains("sampling-2011-2020.csv.gz") && html.contains("qindex "))
        #expect(!html.contains("http://") && !html.contains("https://"))
        // Every target set for the focus region itself (every-year ones included) is in the bulletin
        // and on the first screen, and the first screen draws the headline target's way: the target
        // line, the straight path from the baseline, the baseline (issue 33).
        let targets = try FocusRegionTests.rows("\(c.out)/tables/targets.csv").filter { $0["region_code"] == "450000" }
        let titles = Set(targets.map { $0["title_zh"]! })
        #expect(titles.count >= 9 && targets.contains { $0["target_year"] == "" }, "every-year targets are among them")
        let index = try String(contentsOfFile: "\(c.out)/index.html", encoding: .utf8)
        let first = String(index[index.range(of: "<section id=\"s1\">")!.lowerBound..<index.range(of: "<section id=\"s2\">")!.lowerBound])
        for t in titles {
            #expect(html.contains(HTMLText.escape(t)), "bulletin lacks \(t)")
            #expect(first.contains(HTMLText.escape(t)), "first screen lacks \(t)")
        }
        #expect(first.contains("class=\"target\"") && first.contains("class=\"path\"") && first.contains("class=\"baseline\"") && first.contains("基线 2014"))
        #expect(html.contains("5 个地市中") && first.contains("5 个地市中"), "the cities' targets summed up")
        // As an office issues it: the issuer and date of issue from the plan, the data described, sentences with units.
        #expect(html.contains("广西壮族自治区市场监督管理局（示例）　2021-03-15 发布") && html.contains("数据来源：全区产品质量监督抽查结果（文件 "))
        #expect(html.contains("为 91.9%，比规划目标（≥ 93%，2020 年）低 1.1 个百分点") && !html.contains("100.0%"))
        // Terms link to the glossary (issue 33): every term a header links to has its entry, and the p-value's is there.
        let anchors = Set(index.matches(of: /href="#(g-[a-z]+)"/).map { String($0.output.1) })
        let entries = Set(index.matches(of: /<dt id="(g-[a-z]+)">/).map { String($0.output.1) })
        #expect(anchors.contains("g-p") && anchors.contains("g-funnel") && anchors.isSubset(of: entries), "\(anchors.subtracting(entries))")
        // index.html links it.
        #expect(try String(contentsOfFile: "\(c.out)/index.html", encoding: .utf8).contains("href=\"bulletin.html\""))
        // Printed by Chromium (scripts/test.sh installs it): exactly one page.
        guard let chrome = Self.chromium() else {
            Issue.record("Chromium not found: scripts/test.sh installs it (apt-get install chromium fonts-noto-cjk)")
            return
        }
        #expect(try Self.printedPages(chrome, "\(c.out)/bulletin.html") == 1)
        // The full report behind it: at most 8 A4 pages (long tables cut to their first rows on paper).
        #expect(try Self.printedPages(chrome, "\(c.out)/index.html") <= 8)
        // The English bulletin too (longer words, the same page).
        var en = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        en.inputs.language = .en
        en.formats = [.html]
        #expect(Runner.report(en).exitCode == 0)
        #expect(try Self.printedPages(chrome, "\(en.out)/bulletin.html") == 1)
        #expect(try Self.printedPages(chrome, "\(en.out)/index.html") <= 8)
    }

    /// A4 pages Chromium prints a page on (page objects in the PDF).
    static func printedPages(_ chrome: String, _ page: String) throws -> Int {
        let pdf = page + ".pdf"
        let r = try Subprocess.run(chrome, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--disable-component-update",
                                            "--print-to-pdf=\(pdf)", "file://\(page)"])
        #expect(r.status == 0, "\(r.err)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        return String(decoding: bytes, as: UTF8.self).matches(of: /\/Type\s*\/Page[^s]/).count
    }
}
