import Foundation
import QualityData
import Testing
import _QualityTestSupport
@testable import QualityRun

/// The pages in a real browser (headless Chromium, installed by
/// scripts/test.sh): they fetch nothing from the network, and their few
/// lines of script do what they promise — the city picker shows the chosen
/// city, a figure's table tab shows the table, a chart mark reached by the
/// keyboard shows its tooltip.
@Suite(.serialized) struct PageInBrowserTests {
    static let folder: String = {
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.formats = [.html]
        _ = Runner.report(c)
        return c.out
    }()

    /// Chromium's own requests (updates, clock, accounts) carry no initiator;
    /// a page's requests carry its origin ("null" for a file). Returns the
    /// URLs a page asked for while Chromium loaded it.
    static func pageRequests(_ chrome: String, _ page: String) throws -> [String] {
        let log = Fixtures.tempDir() + "/net.json"
        let r = try Subprocess.run("/usr/bin/timeout", ["60", chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                                         "--log-net-log=\(log)", "--dump-dom", "file://\(page)"])
        #expect(r.status == 0, "\(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: log))) as? [String: Any])
        let types = try #require((json["constants"] as? [String: Any])?["logEventTypes"] as? [String: Int])
        let start = try #require(types["URL_REQUEST_START_JOB"])
        return (json["events"] as? [[String: Any]] ?? []).compactMap { ev in
            guard ev["type"] as? Int == start, let p = ev["params"] as? [String: Any], let url = p["url"] as? String else { return nil }
            return p["initiator"] as? String == "not an origin" ? nil : url
        }
    }

    @Test func pagesMakeNoNetworkRequest() throws {
        guard let chrome = BulletinTests.chromium() else {
            Issue.record("Chromium not found: scripts/test.sh installs it (apt-get install chromium fonts-noto-cjk)")
            return
        }
        // The check sees a page's requests: a page with an image and a fetch from outside is caught.
        let bad = Fixtures.tempDir() + "/bad.html"
        try "<html><body><img src=\"http://example.invalid/x.png\"><script>fetch(\"https://example.invalid/y\")</script></body></html>"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(try Self.pageRequests(chrome, bad).sorted() == ["http://example.invalid/x.png", "https://example.invalid/y"])
        for page in ["index.html", "bulletin.html", "regions/450000.html", "regions/450100.html"] {
            #expect(try Self.pageRequests(chrome, "\(Self.folder)/\(page)") == [], "\(page)")
        }
    }

    @Test func pickerTabsAndTooltipsWorkInTheBrowser() throws {
        guard let chrome = BulletinTests.chromium() else {
            Issue.record("Chromium not found: scripts/test.sh installs it (apt-get install chromium fonts-noto-cjk)")
            return
        }
        // The page as written, with a few lines that use it as a reader would and note what they saw.
        let harness = """
        <script>(function () {
          var r = {}, s = document.querySelector("select[data-pick]");
          s.value = s.options[2].value; s.dispatchEvent(new Event("change"));
          r.picked = s.value;
          r.shown = Array.from(s.closest(".picker").querySelectorAll("[data-code]")).filter(function (c) { return !c.hidden; })
            .map(function (c) { return c.getAttribute("data-code"); });
          var m = document.querySelector("g.mark[tabindex='0']"); m.focus();
          var tip = document.querySelector(".tip");
          r.focused = document.activeElement === m;
          r.tip = tip && !tip.hidden ? tip.textContent : null;
          r.title = m.querySelector("title").textContent;
          var fig = document.querySelector("figure.tabbed");
          r.before = getComputedStyle(fig.querySelector(".panel-table")).display;
          fig.querySelector("label[for$='-table']").click();
          r.table = getComputedStyle(fig.querySelector(".panel-table")).display;
          r.chart = getComputedStyle(fig.querySelector(".panel-chart")).display;
          document.body.setAttribute("data-result", JSON.stringify(r));
        })();</script>
        """
        let html = try String(contentsOfFile: "\(Self.folder)/index.html", encoding: .utf8)
        let page = "\(Self.folder)/harness.html"
        try html.replacingOccurrences(of: "</body>", with: harness + "</body>").write(toFile: page, atomically: true, encoding: .utf8)
        let r = try Subprocess.run("/usr/bin/timeout", ["60", chrome, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(page)"])
        let attr = try #require(r.out.firstMatch(of: /data-result="([^"]*)"/)?.1, "no result: \(r.err)")
        let text = String(attr).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        // The picker: the third city in code order, and only its card.
        #expect(result["picked"] as? String == "450300")
        #expect(result["shown"] as? [String] == ["450300"])
        // The first figure: the table hidden until its tab is chosen, then the chart hidden.
        #expect(result["before"] as? String == "none" && result["table"] as? String == "block" && result["chart"] as? String == "none")
        // A chart mark reached by the keyboard shows its own title as the tooltip.
        #expect(result["focused"] as? Bool == true)
        #expect(result["tip"] as? String == result["title"] as? String && (result["tip"] as? String)?.isEmpty == false)
    }
}
