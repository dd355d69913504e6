import Foundation
import QualityData
import QualityIndicators
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityReport
import QualityRuntime

/// Golden tables for the bundled sample (datasets/sample). Re-record with
/// `RECORD_GOLDEN=1 swift test --filter ReportGoldenTests` after a reviewed change.
@Suite(.serialized) struct ReportGoldenTests {
    static let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
    static let goldenDir = Fixtures.path("Tests/QualityReportTests/Golden")
    /// Every table of a run without plan, index or inspections (those have their own tests).
    static let goldenTables = ["pass_rate_by_year", "pass_rate_by_region", "pass_rate_by_region_level", "pass_rate_by_product",
                               "pass_rate_by_level", "pass_rate_by_channel", "pass_rate_by_enterprise_size", "pass_rate_by_agency",
                               "enterprise_summary", "repeat_failures", "follow_up", "failed_items", "safety_failures", "retests",
                               "control_chart", "data_quality", "labelling_failures", "pass_rate_by_sampling_agency"]

    func run(to dir: String, lang: Language = .zh) throws -> SamplingIngestResult {
        let load = try SamplingIngest.load(paths: [Self.sample])
        try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: lang, runInfo: ["run": UUID().uuidString])
        return load
    }

    @Test func sampleTablesMatchGolden() throws {
        let dir = Fixtures.tempDir()
        _ = try run(to: dir)
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil
        var digests: [String: String] = [:]
        var wantDigests: [String: String] = [:]
        for line in ((try? String(contentsOfFile: "\(Self.goldenDir)/digests.txt", encoding: .utf8)) ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2 { wantDigests[String(parts[1].dropLast(4))] = String(parts[0]) }
        }
        for name in Self.goldenTables {
            // File paths in tables are as given; make the golden copy independent of the checkout's location.
            let got = try String(contentsOfFile: "\(dir)/tables/\(name).csv", encoding: .utf8)
                .replacingOccurrences(of: Fixtures.root + "/", with: "")
            // Tables over 64 KiB are kept as their SHA-256 (Golden/digests.txt), the others in full (readable diffs).
            if got.utf8.count > 64 << 10 {
                digests[name] = ContentDigest.of(got).sha256
                if !record { #expect(digests[name] == wantDigests[name], "\(name).csv differs from its golden digest") }
                continue
            }
            let goldenPath = "\(Self.goldenDir)/\(name).csv"
            if record { try got.write(toFile: goldenPath, atomically: true, encoding: .utf8); continue }
            let want = try String(contentsOfFile: goldenPath, encoding: .utf8)
            #expect(got == want, "\(name).csv differs from its golden copy")
        }
        if record {
            try digests.sorted { $0.key < $1.key }.map { "\($0.value)  \($0.key).csv\n" }.joined()
                .write(toFile: "\(Self.goldenDir)/digests.txt", atomically: true, encoding: .utf8)
        }
    }

    @Test func sameInputsGiveByteIdenticalOutputs() throws {
        let a = Fixtures.tempDir(), b = Fixtures.tempDir()
        _ = try run(to: a)
        _ = try run(to: b)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".md") || $0.hasSuffix(".html") }.sorted()
        #expect(files.count == 37)  // 18 tables, rejects.csv, report.md, index.html, bulletin.html, 15 region pages (Guangxi and its 14 cities)
        #expect(FileManager.default.contentsEqual(atPath: "\(a)/tables.xlsx", andPath: "\(b)/tables.xlsx"))
        for f in files {
            #expect(FileManager.default.contentsEqual(atPath: "\(a)/\(f)", andPath: "\(b)/\(f)"), "\(f) differs between runs")
        }
        #expect(!FileManager.default.contentsEqual(atPath: "\(a)/run.json", andPath: "\(b)/run.json"))
    }

    /// A report made from a snapshot is byte-identical to one made from the files.
    @Test func reportFromSnapshotIsIdentical() throws {
        let cache = Fixtures.tempDir("cache")
        var o = SamplingIngestOptions()
        o.snapshotDirectory = cache
        var dirs: [String] = []
        for expectSnapshot in [false, true] {
            let load = try SamplingIngest.load(paths: [Self.sample], options: o)
            #expect(load.fromSnapshot == expectSnapshot)
            let dir = Fixtures.tempDir()
            try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: .zh, runInfo: [:])
            dirs.append(dir)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: dirs[0]).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".md") || $0.hasSuffix(".html") }
        #expect(files.count == 37)
        for f in files { #expect(FileManager.default.contentsEqual(atPath: "\(dirs[0])/\(f)", andPath: "\(dirs[1])/\(f)"), "\(f)") }
    }

    @Test func sampleRunAccountsForEveryRow() throws {
        let load = try run(to: Fixtures.tempDir())
        let f = load.files[0]
        #expect(f.rejected == 0 && f.accountingCloses)
        #expect(f.loaded == 30_000)
        #expect(f.merged == 374 && f.duplicates == 43)  // as `qindex generate` reported when it wrote the sample
    }

    @Test func englishReportHasEnglishHeadings() throws {
        let dir = Fixtures.tempDir()
        _ = try run(to: dir, lang: .en)
        let md = try String(contentsOfFile: "\(dir)/report.md", encoding: .utf8)
        #expect(md.contains("## Pass rate by year"))
        #expect(md.contains("Rows read 30,374 = loaded 30,000 + rejected 0 + empty 0 + merged 374"))
    }
}

@Suite struct ReportOutputTests {
    @Test func htmlEscapesUserText() throws {
        let text = "batch_id,sample_date,level,region_code,product_name,result\n"
            + (0..<40).map { "A\($0),2019-01-01,provincial,450102,<script>alert(1)</script>,\($0 % 3 == 0 ? "fail" : "pass")" }.joined(separator: "\n")
        let load = try Fixtures.load(Fixtures.file(text))
        let html = HTMLReport.render(ReportDocument(analysis: Analysis.compute(load.table), load: load.accounting, lang: .en))
        #expect(!html.contains("<script>alert") && html.components(separatedBy: "<script>").count == 2)  // only the page's own sort script
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Self-contained: no external reference of any kind.
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(HTMLReport.sortScript.utf8.count < 2048)  // "at most a few kB of vanilla JS"
    }

    /// Every page of a full run: no external reference of any kind (src,
    /// href, CSS url(), @import) — only relative links between the pages —
    /// and user text escaped (an enterprise and a product named as a script).
    @Test func pagesAreSelfContainedAndEscaped() throws {
        var lines: [String] = []
        for i in 0..<60 {
            lines.append("B\(i),20\(19 + i % 2)-0\(1 + i % 9)-01,provincial,\(["450102", "450203", "450304"][i % 3]),<script>alert(1)</script>,\(i % 4 == 0 ? "fail" : "pass"),<script>alert(2)</script>")
        }
        let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name\n" + lines.joined(separator: "\n") + "\n"
        let load = try Fixtures.load(Fixtures.file(text))
        let dir = Fixtures.tempDir()
        try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: .en, runInfo: [:])
        let pages = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }
        #expect(pages.contains("index.html") && pages.contains("regions/450000.html"))
        for page in pages {
            let html = try String(contentsOfFile: "\(dir)/\(page)", encoding: .utf8)
            #expect(!html.contains("<script>alert"), "\(page) has unescaped user text")
            // A figure's CSV download is a data: link inside the page (base64 may hold "//").
            let outside = html.replacing(/href="data:text\/csv;charset=utf-8;base64,[A-Za-z0-9+\/=]*"/, with: "")
            #expect(!outside.contains("src=") && !outside.contains("url(") && !outside.contains("@import") && !outside.contains("//"), "\(page) refers outside itself")
            var rest = Substring(outside)
            while let r = rest.range(of: "href=\"") {
                let target = rest[r.upperBound...].prefix { $0 != "\"" }
                // Other pages, or the full table behind a cut list.
                #expect(!target.contains(":") && [".html", ".csv", ".xlsx", ".md", "/"].contains { target.hasSuffix($0) } || target.hasPrefix("#"),
                        "\(page): href \(target)")
                rest = rest[r.upperBound...]
            }
            #expect(html.contains("<figure") == (page == "index.html" || page == "bulletin.html" || page.hasPrefix("regions/")))
        }
        let index = try String(contentsOfFile: "\(dir)/index.html", encoding: .utf8)
        #expect(index.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))  // the enterprise, in the repeat-failures table
        #expect(index.contains("<title>") && index.contains("role=\"img\"") && index.contains("<figcaption>"))
    }

    /// Issue 15, items 12 and 14: names from the data that are markup in
    /// Markdown or HTML stay text in report.md, and characters XML forbids
    /// (U+FFFF, U+FFFE, C0 controls) never reach tables.xlsx, whose every part
    /// Python's XML parser then reads.
    @Test func hostileNamesStayTextInMarkdownAndTheWorkbook() throws {
        let products = ["<svg onload=alert(1)>", "<img src=x onerror=alert(2)>", "[click](javascript:alert(3))", "**bold** _it_ `code`", "# heading|pipe",
                        "纸巾\u{FFFF}纸", "童车\u{FFFE}\u{0001}"]
        var lines: [String] = []
        for i in 0..<70 {
            let name = products[i % products.count]
            lines.append("B\(i),2019-0\(1 + i % 9)-01,provincial,450102,\"\(name)\",\(i % 3 == 0 ? "fail" : "pass"),\"\(name)\"")
        }
        let text = "batch_id,sample_date,level,region_code,product_name,result,enterprise_name\n" + lines.joined(separator: "\n") + "\n"
        let load = try Fixtures.load(Fixtures.file(text))
        #expect(load.table.count == 70)
        let dir = Fixtures.tempDir()
        try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: .en, runInfo: [:], formats: [.md, .xlsx])
        let md = try String(contentsOfFile: "\(dir)/report.md", encoding: .utf8)
        // Plain Markdown, no HTML entities (issue 29): a `<` that could open a tag is backslash-escaped.
        let unescaped = md.replacingOccurrences(of: "\\<", with: "")
        for raw in ["<svg", "<img", "[click](", "**bold**", "`code`", "\n# heading"] { #expect(!unescaped.contains(raw), "report.md carries \(raw)") }
        #expect(md.contains("\\<svg onload=alert(1)>") && md.contains("\\[click\\](javascript:alert(3))") && md.contains("\\*\\*bold\\*\\*"))
        #expect(!md.contains("&lt;") && !md.contains("&gt;"))
        // Every XML part of the workbook parses (ElementTree refuses U+FFFF and controls).
        let r = try Subprocess.python("""
            import sys, zipfile, xml.etree.ElementTree as ET
            z = zipfile.ZipFile(sys.argv[1]); n = 0
            for name in z.namelist():
                if name.endswith('.xml') or name.endswith('.rels'): ET.fromstring(z.read(name)); n += 1
            text = b''.join(z.read(x) for x in z.namelist() if x.startswith('xl/worksheets/')).decode('utf-8')
            assert '\\ufffd' in text and '\\uffff' not in text and '\\ufffe' not in text, 'replacement'
            print(n)
            """, "\(dir)/tables.xlsx")
        #expect(r.status == 0, "\(r.err)")
        #expect((Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 10)
    }

    /// A sheet longer than one piece (``XLSXWriter/rowsPerPiece``) is deflated
    /// in pieces joined into one stream: Python's zipfile inflates it and
    /// checks its CRC-32, ElementTree parses it, and every row is there with
    /// its values, numbers as numbers and codes as text.
    @Test func aSheetOfManyPiecesReadsBackWhole() throws {
        let n = XLSXWriter.rowsPerPiece * 2 + 17
        let table = ReportTable(name: "pass_rate_by_region", columns: ["year", "region_code", "region_name", "pass_rate"],
                                rows: (0..<n).map { ["\(2011 + $0 % 10)", "45\(String(format: "%04d", $0 % 9999))", "地区 \($0) <&>", NumberText.rate(Double($0) / Double(n))] })
        let dir = Fixtures.tempDir()
        let path = "\(dir)/t.xlsx"
        try Data(XLSXWriter.workbook([table], lang: .en)).write(to: URL(fileURLWithPath: path))
        let r = try Subprocess.python("""
            import sys, zipfile, xml.etree.ElementTree as ET
            z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
            ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
            rows = ET.fromstring(z.read('xl/worksheets/sheet1.xml')).findall('.//m:sheetData/m:row', ns)
            last = rows[-1].findall('m:c', ns)
            print(len(rows), last[0].find('m:v', ns).text, last[1].find('.//m:t', ns).text, last[2].find('.//m:t', ns).text,
                  last[3].get('s'), last[3].find('m:v', ns).text, rows[-1].get('r'))
            """, path)
        #expect(r.status == 0, "\(r.err)")
        let k = n - 1
        #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "\(n + 1) \(2011 + k % 10) 45\(String(format: "%04d", k % 9999)) 地区 \(k) <&> 1 \(NumberText.rate(Double(k) / Double(n))) \(n + 1)")
    }

    /// The fast path (ISA-L where linked, parallel chunks) and the simple path
    /// (`--threads 1 --inflate zlib`) write byte-identical tables.
    @Test func fastAndSimplePathsWriteIdenticalTables() throws {
        var fast = SamplingIngestOptions()
        fast.threads = 2
        fast.chunkSize = 64 << 10
        var simple = SamplingIngestOptions()
        simple.threads = 1
        simple.inflate = .zlib
        var folders: [String] = []
        for options in [fast, simple] {
            let load = try SamplingIngest.load(paths: [ReportGoldenTests.sample], options: options)
            let dir = Fixtures.tempDir()
            try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: .en, runInfo: [:], formats: [.csv, .md])
            folders.append(dir)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: "\(folders[0])/tables").sorted()
        let other = try FileManager.default.contentsOfDirectory(atPath: "\(folders[1])/tables").sorted()
        #expect(names.count >= 15 && names == other)
        for name in names + ["../rejects.csv", "../report.md"] {
            #expect(FileManager.default.contentsEqual(atPath: "\(folders[0])/tables/\(name)", andPath: "\(folders[1])/tables/\(name)"), "\(name)")
        }
    }

    @Test func cellsAreNumbersExactlyWhenTheyReadAsDecimals() {
        for (text, number) in [("12", true), ("-0.5", true), ("+3", true), ("1e5", true), ("2.5e-3", true), (".5", true), ("1.", true),
                               ("", false), ("-", false), (".", false), ("e5", false), ("1e", false), ("1.2.3", false), ("12a", false),
                               ("1E5", false), (" 1", false), ("0x10", false), ("--1", false), ("1e+", false)] {
            #expect(ByteText.withBytes(text) { XLSXWriter.isDecimal($0) } == number, "\(text)")
            // The grammar accepts nothing Swift's parser refuses.
            if number { #expect(Double(text) != nil, "\(text)") }
        }
    }

    /// index.html and a region page pass an independent structural check
    /// (Python's html.parser: nesting, ids, captions, scoped headers, SVG
    /// title/desc, figure captions, nothing external) — scripts/check-html.py.
    @Test func pagesPassTheHTMLCheck() throws {
        let load = try SamplingIngest.load(paths: [ReportGoldenTests.sample])
        let dir = Fixtures.tempDir()
        try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: .en, runInfo: [:])
        for page in ["index.html", "regions/450000.html", "regions/450200.html"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            p.arguments = [Fixtures.path("scripts/check-html.py"), "\(dir)/\(page)"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0 && out == "ok\n", "\(page): \(out)")
        }
    }

    /// The header template is Mustache (swift-mustache): `{{ title }}` with
    /// spaces and language sections work (the old four-tag substitution
    /// printed them literally), values are HTML-escaped, a broken template is
    /// refused with its line and column.
    @Test func headerTemplatesAreMustache() throws {
        let t = Fixtures.file("<h1>{{ title }}</h1>{{#zh}}<p>广西壮族自治区市场监督管理局</p>{{/zh}}{{#en}}<p>Guangxi AMR</p>{{/en}}<p>{{tool}} · {{lang}}</p>",
                              name: "header.mustache")
        var header = try PageHeader.load(template: t, logo: nil)
        header.tool = "qindex 9.9"
        let zh = HTMLReport.render(ReportDocument(lang: .zh, title: "A & B", subtitle: "", sections: []), header: header)
        #expect(zh.contains("<header><h1>A &amp; B</h1><p>广西壮族自治区市场监督管理局</p><p>qindex 9.9 · zh</p></header>"))
        let en = HTMLReport.render(ReportDocument(lang: .en, title: "<i>x</i>", subtitle: "", sections: []), header: header)
        #expect(en.contains("<header><h1>&lt;i&gt;x&lt;/i&gt;</h1><p>Guangxi AMR</p><p>qindex 9.9 · en</p></header>"))
        let broken = Fixtures.file("<h1>{{title}}</h1>\n{{#zh}}<p>no end</p>", name: "broken.mustache")
        #expect(throws: PageHeaderError.self) { try PageHeader.load(template: broken, logo: nil) }
        do { _ = try PageHeader.load(template: broken, logo: nil) } catch { #expect("\(error)".contains("broken.mustache:2:"), "\(error)") }
    }

    /// Issue 30, item 7: a template's size and nesting are bounded before the
    /// parser (which recurses per section) sees it — 3,000 nested sections
    /// (42 kB) used to overflow the stack; `{{unclosed` was "(overflow)".
    @Test func headerTemplatesAreBoundedAndTheirErrorsPlain() throws {
        func message(_ text: String) -> String {
            do { _ = try PageHeader.load(template: Fixtures.file(text, name: "h.mustache"), logo: nil); return "" } catch { return "\(error)" }
        }
        let deep = String(repeating: "{{#a}}", count: 3000) + String(repeating: "{{/a}}", count: 3000)
        #expect(message(deep).contains("h.mustache:1:193: not a valid Mustache template (sections nested more than 32 deep)"), "\(message(deep))")
        #expect(message("<h1>\n  {{unclosed").contains("h.mustache:2:3: not a valid Mustache template (a tag opened with {{ is never closed)"))
        #expect(message("{{=<% %>=}}" + String(repeating: "<%#a%>", count: 40)).contains("nested more than 32 deep"))
        #expect(message("{{=<% %>=}}<%#a%>x<%/a%><% unclosed").contains("a tag opened with <% is never closed"))
        #expect(message(String(repeating: "x", count: 70_000)).contains("larger than 64 KiB"))
        // At the bound, and an ordinary triple mustache: read.
        #expect(message(String(repeating: "{{#a}}", count: 32) + String(repeating: "{{/a}}", count: 32) + "{{{logo}}}").isEmpty)
    }

    /// A user's header template and logo replace the page header without
    /// recompiling; user text stays escaped and the page stays self-contained.
    @Test func aUserHeaderAndLogo() throws {
        let template = Fixtures.file("<div class=\"brand\">{{{logo}}}<h1>{{title}}</h1><p>{{subtitle}} · 广西壮族自治区市场监督管理局</p></div>", name: "header.html")
        let logo = Fixtures.file("<svg viewBox=\"0 0 10 10\" role=\"img\"><title>logo</title><desc>bureau</desc><rect width=\"10\" height=\"10\"/></svg>", name: "logo.svg")
        let header = try PageHeader.load(template: template, logo: logo)
        let doc = ReportDocument(lang: .zh, title: "<b>报告</b>", subtitle: "2020", sections: [])
        let html = HTMLReport.render(doc, header: header)
        #expect(html.contains("<header><div class=\"brand\"><img class=\"logo\" alt=\"\" src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("<h1>&lt;b&gt;报告&lt;/b&gt;</h1><p>2020 · 广西壮族自治区市场监督管理局</p>"))
        let png = Fixtures.file([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], name: "logo.png")
        #expect(HTMLReport.render(doc, header: try PageHeader.load(template: nil, logo: png)).contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
        // Issue 15, item 11: what passed the old substring tests — an onload
        // handler, single-quoted external hrefs, CSS @import, javascript: links,
        // a script — reaches the page only inside an <img> data URI, where a
        // browser never runs or fetches it; no byte of it is markup of the page.
        let hostile = """
            <?xml version="1.0"?><!-- bureau --><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">
            <style>@import url(https://evil.example/x.css);</style><a href='https://evil.example'><text>x</text></a>
            <a href="javascript:alert(2)"><rect width="1" height="1"/></a><script>alert(3)</script></svg>
            """
        let hostilePage = HTMLReport.render(doc, header: try PageHeader.load(template: nil, logo: Fixtures.file(hostile, name: "logo.svg")))
        for needle in ["onload", "evil.example", "@import", "javascript:", "alert("] { #expect(!hostilePage.contains(needle), "\(needle)") }
        #expect(hostilePage.contains("src=\"data:image/svg+xml;base64,\(Data(hostile.utf8).base64EncodedString())\""))
        // Not an image, whatever the name says: refused.
        for (text, name) in [("<html><script>alert(1)</script></html>", "logo.png"), ("<svgx/>", "logo.svg"), ("GIF89a", "logo.svg"), ("<div><svg/></div>", "logo.svg")] {
            #expect(throws: PageHeaderError.self, "\(name): \(text)") { try PageHeader.load(template: nil, logo: Fixtures.file(text, name: name)) }
        }
        #expect(throws: PageHeaderError.self) { try PageHeader.load(template: nil, logo: Fixtures.file([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 1 << 20), name: "big.jpg")) }
        let out = Fixtures.tempDir()
        try html.write(toFile: "\(out)/page.html", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [Fixtures.path("scripts/check-html.py"), "\(out)/page.html"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// The charts' SVG for fixed data (golden copies; re-record with RECORD_GOLDEN=1).
    @Test func chartsMatchTheirGoldenSVG() throws {
        let charts: [(String, String)] = [
            ("sparkline", Charts.sparkline([(2018, 0.91), (2019, 0.925), (2020, 0.92)], title: "spark")),
            ("trend", Charts.trend([(2018, 0.91, 0.90, 0.92), (2019, 0.925, 0.915, 0.935), (2020, 0.92, 0.91, 0.93)], target: 0.93,
                                   title: "trend", desc: "d", targetLabel: "target", axisTitle: "rate (%)")),
            ("ranked", Charts.rankedBars([("A", 0.95, 0.93, 0.97, ""), ("B <b>", 0.90, 0.88, 0.92, "▼")], reference: 0.925,
                                         referenceLabel: "all", title: "bars", desc: "d", axisTitle: "rate (%)")),
            ("funnel", Charts.funnel([("A", 100, 0.95, false), ("B", 1000, 0.85, true)], target: 0.9,
                                     limits: Funnel.proportions([(95, 100), (850, 1000)], target: 0.9, adjustment: .none).limitsAt, title: "funnel", desc: "d", xLabel: "n",
                                     axisTitle: "rate (%)", targetLabel: "all")),
            ("pchart", Charts.pChart([("Q1", 0.92, 0.91, 0.88, 0.94, false), ("Q2", 0.86, 0.91, 0.88, 0.94, true)], title: "p", desc: "d", axisTitle: "rate (%)", centreLabel: "centre")),
            ("progress", Charts.progressBars([("t1", 0.5, 0.6, "on track", true), ("t2", nil, nil, "achieved", true), ("t3", -0.35, 1, "missed", false)],
                                          title: "targets", desc: "d")),
            ("tiles", Charts.tiles([("A", 0.9, ""), ("B", 0.95, "▲"), ("C", nil, "")], columns: 2, title: "tiles", desc: "d", noData: "no data")),
        ]
        let dir = Fixtures.path("Tests/QualityReportTests/Golden/charts")
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil
        if record { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        for (name, svg) in charts {
            #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>") && svg.contains("<title>") && svg.contains("<desc>") && !svg.contains("<b>"))
            let path = "\(dir)/\(name).svg"
            if record { try svg.write(toFile: path, atomically: true, encoding: .utf8); continue }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == svg, "\(name).svg differs from its golden copy")
        }
    }

    /// tables.xlsx read back by an independent reader (openpyxl when
    /// scripts/test.sh could install it, else Python's zipfile and XML
    /// parser): every table a sheet with Chinese names, header frozen,
    /// autofilter, rates as percentages, codes as text, the notes sheet.
    @Test func theWorkbookOpensInAnIndependentReader() throws {
        let load = try SamplingIngest.load(paths: [ReportGoldenTests.sample])
        let dir = Fixtures.tempDir()
        try ReportWriter.write(Analysis.compute(load.table), load.accounting, to: dir, lang: .zh, runInfo: [:])
        let venv = Fixtures.path(".build/pyenv/bin/python")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3")
        p.arguments = [Fixtures.path("scripts/check-xlsx.py"), "\(dir)/tables.xlsx"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        print("xlsx reader:", json["reader"] ?? "?")
        let sheets = json["sheets"] as? [String] ?? []
        #expect(sheets.count == 21 && sheets.first == "按年度" && sheets.suffix(2) == ["说明", "列名对照"] && sheets.allSatisfy { $0.count <= 31 })
        #expect(json["zip_ok"] as? Bool == true && json["freeze"] as? String == "A2" && json["autofilter"] as? String == "A1:S11")
        // Headers in the report's language, the unit of a percentage in the header (issue 18).
        let header = json["header"] as? [String] ?? []
        #expect(header.first == "年度" && header.contains("批次合格率（%）") && header.contains("较上年（百分点）") && json["rows"] as? Int == 11)
        if let cells = json["row2"] as? [String: [String: Any]] {  // openpyxl: types and formats too
            #expect(cells["按年度!批次合格率（%）"]?["format"] as? String == "0.00%" && cells["按年度!批次合格率（%）"]?["type"] as? String == "n")
            #expect(cells["按地区!地区代码"]?["type"] as? String == "s" && cells["按地区!地区代码"]?["value"] as? String == "110000")
            #expect(cells["说明!指标"]?["value"] as? String == "batch_pass_rate")
            // The columns sheet pairs each header with the CSV's machine name.
            #expect(cells["列名对照!列标题"]?["value"] as? String == "年度" && cells["列名对照!CSV 列名"]?["value"] as? String == "year")
            // Dates are dates.
            #expect(cells["多次不合格企业!首次不合格日期"]?["type"] as? String == "d" && cells["多次不合格企业!首次不合格日期"]?["format"] as? String == "yyyy-mm-dd")
        }
    }

    @Test func csvQuotingAndFormulaGuard() {
        #expect(CSVText.quote("a,b") == "\"a,b\"")
        #expect(CSVText.quote("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(CSVText.quote("=cmd()") == "'=cmd()")
        #expect(CSVText.quote("-1.5") == "-1.5")
        let t = ReportTable(name: "t", columns: ["a"], rows: [["合格"]])
        #expect(Array(t.csv().utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func outputNeverGoesIntoAnInputFolder() throws {
        let dir = Fixtures.tempDir()
        let input = "\(dir)/data/in.csv"
        #expect(throws: OutputLocation.Problem.self) { try OutputLocation.validate(out: "\(dir)/data", inputs: [input]) }
        #expect(throws: OutputLocation.Problem.self) { try OutputLocation.validate(out: "\(dir)/data/", inputs: [input]) }
        #expect(throws: OutputLocation.Problem.self) { try OutputLocation.validate(out: dir, inputs: [input]) }  // input inside out
        try OutputLocation.validate(out: "\(dir)/data/report", inputs: [input])  // a new folder holds no input
        try OutputLocation.validate(out: "\(dir)/out", inputs: [input])
        try OutputLocation.validate(out: "\(dir)/database", inputs: [input])
    }

    /// The integer formatter prints exactly what printf prints, ties included,
    /// except that a value rounding to zero has no minus sign.
    @Test func fixedMatchesPrintf() {
        var rng = TestRandom(seed: 11)
        var values: [Double] = [0, -0.0, 1, 0.5, 0.0000005, 0.0000015, 0.1234565, 2.675, -1.005, 99.99995, 0.9999996, 123456.1234565, -3.7e-9]
        for _ in 0..<20_000 {
            values.append(Double.random(in: -200...200, using: &rng))
            values.append(Double(Int.random(in: 0...2_000_000, using: &rng)) / 2e6)  // ties and near-ties
        }
        for v in values {
            for d in [0, 2, 4, 6] {
                var printf = NumberText.printfFixed(v, d)
                if printf.hasPrefix("-"), printf.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { printf.removeFirst() }
                #expect(NumberText.fixed(v, d) == printf, "\(v) %.\(d)f")
            }
        }
    }

    @Test func numberFormats() {
        #expect(NumberText.rate(0.9134567) == "0.913457")
        #expect(NumberText.rate(nil) == "")
        #expect(NumberText.points(-0.0) == "0.0000")
        // Progress in a baseline year under a "≤" target is 0/(negative) = −0: never "-0.000000".
        #expect(NumberText.fixed(-0.0, 6) == "0.000000" && NumberText.fixed(-4e-7, 6) == "0.000000" && NumberText.fixed(-6e-7, 6) == "-0.000001")
        #expect(NumberText.percent(0.91346) == "91.35%")
        #expect(NumberText.signedPoints(-1.234) == "−1.23")
        #expect(NumberText.count(1234567) == "1,234,567")
    }
}
