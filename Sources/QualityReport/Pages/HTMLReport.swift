import Foundation
import QualityData

/// The first self-contained dashboard page: one HTML file, inline CSS, no
/// script and no network request, readable on screen and printable on A4.
public enum HTMLReport {
    /// A table with its caption, scoped headers and right-aligned numbers; sortable on screen.
    /// On paper a long table shows its first `printedTop` and last
    /// `printedBottom` rows (a table ranked best first ends with its weakest
    /// places), and every row it asks to keep (the focus region's), and says
    /// where the rest are.
    static let printedRows = 8, printedTop = 5, printedBottom = 3

    /// Which regions have a page of their own, and the path to them from the page being written.
    public struct RegionLinks: Sendable {
        public var codes: Set<String> = []
        public var prefix = "regions/"
        public init(codes: Set<String> = [], prefix: String = "regions/") { self.codes = codes; self.prefix = prefix }
        func href(_ code: String) -> String? { codes.contains(code) ? "\(prefix)\(code).html" : nil }
    }

    /// `glossary`: the page has the glossary, so a header that is a term links to its entry.
    static func table(_ t: ReportDocument.DisplayTable, caption: String, lang: Language = .zh, links: RegionLinks = RegionLinks(),
                      glossary: Bool = false) -> String {
        let e = HTMLText.escape
        let long = t.rows.count > printedRows + 1  // one row more prints whole: the note would take its line
        var body = "<div class=\"table-wrap\"><table class=\"sortable\(long ? " long" : "")\">\n<caption>\(e(caption))</caption>\n<thead><tr>"
        // Sortable by click or by keyboard (Tab to a header, Enter or Space); aria-sort says the order.
        let x = { (s: String) -> String in HTMLText.text(s, lang: lang) }  // element text
        for (i, h) in t.headers.enumerated() {
            let anchor = glossary ? ReportStrings.glossaryAnchor(h, lang) : nil
            body += "<th scope=\"col\" tabindex=\"0\"\(t.numeric.contains(i) ? " class=\"num\"" : "")>" + (anchor.map { "<a class=\"term\" href=\"#\($0)\">\(x(h))</a>" } ?? x(h)) + "</th>"
        }
        body += "</tr></thead>\n<tbody>\n"
        let printed = Set(0..<min(printedTop, t.rows.count)).union(max(0, t.rows.count - printedBottom)..<t.rows.count).union(t.keep)
        for (k, r) in t.rows.enumerated() {
            if long && k > 0 && printed.contains(k) && !printed.contains(k - 1) {  // on paper: where rows were left out
                let gap = (0..<k).reversed().prefix { !printed.contains($0) }.count
                body += "<tr class=\"gap\"><td colspan=\"\(r.count)\">\(e(ReportStrings.rowsLeftOut(gap)(lang)))</td></tr>\n"
            }
            body += long && printed.contains(k) ? "<tr class=\"p\">" : "<tr>"
            // A region's name links to its page where it has one.
            let href = t.regionColumns ? links.href(r[0]) : nil
            for (i, c) in r.enumerated() {
                let text = i == 1 && href != nil ? "<a href=\"\(e(href!))\">\(x(c))</a>" : x(c)
                body += i == 0 ? "<th scope=\"row\">\(text)</th>" : "<td\(t.numeric.contains(i) ? " class=\"num\"" : "")>\(text)</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table></div>\n"
        if long { body += "<p class=\"print-only\">\(e(ReportStrings.printedRows(printed.count, of: t.rows.count)(lang)))</p>\n" }
        return body
    }

    /// A figure with three tabs — the chart, its data table, the data as a
    /// CSV file (a data: link, so the page stays one file) — then its caption.
    /// The tabs are radio buttons styled by CSS: they work by mouse and
    /// keyboard (arrow keys) without a script, and print as the chart alone.
    static func figure(_ fig: ReportDocument.Figure, id: String, download: String, lang: Language, links: RegionLinks = RegionLinks()) -> String {
        let e = HTMLText.escape, S = ReportStrings.self
        var csv: [UInt8] = [0xEF, 0xBB, 0xBF]
        for row in numericColumns(fig.table, lang: lang) {
            for (i, c) in row.enumerated() {
                if i > 0 { csv.append(0x2C) }
                CSVText.append(c, to: &csv)
            }
            csv += [0x0D, 0x0A]
        }
        return "<figure class=\"tabbed\">\n"
            + "<input type=\"radio\" class=\"tab-chart\" name=\"\(id)\" id=\"\(id)-chart\" checked><label for=\"\(id)-chart\">\(e(S.chartTab(lang)))</label>"
            + "<input type=\"radio\" class=\"tab-table\" name=\"\(id)\" id=\"\(id)-table\"><label for=\"\(id)-table\">\(e(S.tableTab(lang)))</label>"
            + "<a class=\"download\" download=\"\(e(download))\" href=\"data:text/csv;charset=utf-8;base64,\(Data(csv).base64EncodedString())\">\(e(S.downloadTab(lang)))</a>\n"
            + "<div class=\"panel-chart\">\(fig.svg)</div>\n<div class=\"panel-table\">\(table(fig.table, caption: fig.caption, lang: lang, links: links))</div>\n"
            + "<figcaption>\(HTMLText.text(fig.caption, lang: lang))</figcaption>\n</figure>\n"
    }

    /// A chart's data as a download reads them (issue 33): numbers as numbers —
    /// "1,234" → 1234, "96.97%" → 96.97 under a header naming the unit
    /// "(%)", an interval "89.61%–99.17%" as two columns (low, high), a
    /// Unicode minus as "-", "—" empty — and text as it is. A column is
    /// converted only when every cell of it reads as that kind.
    static func numericColumns(_ t: ReportDocument.DisplayTable, lang: Language) -> [[String]] {
        func number(_ s: String) -> String? {
            var x = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "'", with: "")
            if x.hasPrefix("+") { x.removeFirst() }
            return Double(x) != nil && !x.isEmpty ? x : nil
        }
        func percent(_ s: String) -> String? { s.hasSuffix("%") ? number(String(s.dropLast())) : nil }
        func interval(_ s: String) -> (String, String)? {
            let parts = s.components(separatedBy: "–")
            guard parts.count == 2, let a = percent(parts[0]), let b = percent(parts[1]) else { return nil }
            return (a, b)
        }
        let empty: Set<String> = ["", "—"]
        enum Kind { case text, number, percent, interval }
        let kinds: [Kind] = t.headers.indices.map { i in
            let cells = t.rows.map { i < $0.count ? $0[i] : "" }.filter { !empty.contains($0) }
            guard !cells.isEmpty, i > 0 || t.headers.count == 1 else { return .text }
            if cells.allSatisfy({ percent($0) != nil }) { return .percent }
            if cells.allSatisfy({ interval($0) != nil }) { return .interval }
            if cells.allSatisfy({ number($0) != nil }) { return .number }
            return .text
        }
        let (low, high) = lang == .zh ? ("下限", "上限") : ("low", "high")
        var header: [String] = []
        for (h, k) in zip(t.headers, kinds) {
            switch k {
            case .text, .number: header.append(h)
            case .percent: header.append("\(h) (%)")
            case .interval: header += ["\(h) \(low) (%)", "\(h) \(high) (%)"]
            }
        }
        return [header] + t.rows.map { r in
            var out: [String] = []
            for (i, k) in kinds.enumerated() {
                let c = i < r.count ? r[i] : ""
                switch k {
                case .text: out.append(c)
                case .number: out.append(number(c) ?? "")
                case .percent: out.append(percent(c) ?? "")
                case .interval: let v = interval(c); out += [v?.0 ?? "", v?.1 ?? ""]
                }
            }
            return out
        }
    }

    /// A select box and one card per choice, the first shown: the script
    /// shows the chosen card (without a script the first stays, and the
    /// section's table has every region).
    static func picker(label: String, cards: [ReportDocument.PickCard], id: String, lang: Language, links: RegionLinks) -> String {
        let e = HTMLText.escape, x = { (s: String) in HTMLText.text(s, lang: lang) }
        var s = "<div class=\"picker\"><label for=\"\(id)\">\(x(label))</label> <select id=\"\(id)\" data-pick>"
        s += cards.map { "<option value=\"\(e($0.code))\">\(x($0.card.label))</option>" }.joined() + "</select>\n<div class=\"kpis\">"
        for (i, c) in cards.enumerated() {
            let more = links.href(c.code).map { " <a href=\"\(e($0))\">\(e(ReportStrings.regionPageLink(lang)))</a>" } ?? ""
            s += "<div class=\"kpi\" data-code=\"\(e(c.code))\"\(i == 0 ? "" : " hidden")><div class=\"kpi-label\">\(x(c.card.label))</div>"
                + "<div class=\"kpi-value\">\(x(c.card.value))</div>\(c.card.spark)<div class=\"kpi-note\">\(x(c.card.note))\(more)</div></div>"
        }
        return s + "</div></div>\n"
    }

    /// The picker: show the card of the chosen region.
    static let pickScript = """

    document.querySelectorAll("select[data-pick]").forEach(function (s) {
      s.addEventListener("change", function () {
        s.closest(".picker").querySelectorAll("[data-code]").forEach(function (c) { c.hidden = c.getAttribute("data-code") !== s.value; });
      });
    });
    """

    /// What a page is for: the screen report (printed A4 landscape) or the one-page bulletin (A4 portrait).
    public enum PageKind: Sendable { case report, bulletin }

    public static func render(_ doc: ReportDocument, home: String? = nil, header: PageHeader = PageHeader(), page: PageKind = .report,
                              links: RegionLinks = RegionLinks()) -> String {
        let e = HTMLText.escape, x = { (s: String) -> String in HTMLText.text(s, lang: doc.lang) }  // attributes, element text
        var body = home.map { h in
            "<nav><a href=\"\(e(h))\">← \(e(ReportStrings.title(doc.lang)))</a>"
                + doc.navigation.map { " · <a href=\"\(e($0.href))\">\(x($0.title))</a>" }.joined() + "</nav>\n"
        } ?? ""
        // Contents: every section by number (s1, s2 …: a permalink each), and the pages and files.
        if page == .report && doc.sections.count > 3 {
            body += "<details class=\"toc\"><summary>\(e(ReportStrings.contents(doc.lang)))</summary><ol>"
                + doc.sections.enumerated().map { "<li><a href=\"#s\($0.offset + 1)\">\(x($0.element.title))</a></li>" }.joined()
                + (doc.links.isEmpty ? "" : "<li><a href=\"#files\">\(e(ReportStrings.regionPages(doc.lang)))</a></li>") + "</ol></details>\n"
        }
        var figures = 0
        let hasGlossary = doc.sections.contains { $0.blocks.contains { if case .glossary = $0 { return true } else { return false } } }
        for (k, s) in doc.sections.enumerated() {
            body += "<section id=\"s\(k + 1)\">\n<h2>\(x(s.title)) <a class=\"permalink\" href=\"#s\(k + 1)\" aria-label=\"\(e(ReportStrings.permalink(doc.lang)))\">#</a></h2>\n"
            for b in s.blocks {
                switch b {
                case .paragraph(let p):
                    if p.hasPrefix("- ") {
                        body += "<ul>" + p.split(separator: "\n").map { "<li>\(x(String($0.dropFirst(2))))</li>" }.joined() + "</ul>\n"
                    } else {
                        body += "<p>\(x(p))</p>\n"
                    }
                case .bullets(let items): body += "<ul>" + items.map { "<li>\(x($0))</li>" }.joined() + "</ul>\n"
                case .kpis(let ks):
                    body += "<div class=\"kpis\">\n"
                    for k in ks {
                        body += "<div class=\"kpi\"><div class=\"kpi-label\">\(x(k.label))</div><div class=\"kpi-value\">\(x(k.value))</div>\(k.spark)<div class=\"kpi-note\">\(x(k.note))</div></div>\n"
                    }
                    body += "</div>\n"
                case .table(let t):
                    body += table(t, caption: s.title, lang: doc.lang, links: links, glossary: hasGlossary)
                case .more(let n, let file):
                    let href = (home?.hasPrefix("../") == true ? "../" : "") + "tables/" + file
                    body += "<p class=\"more\">\(e(ReportStrings.moreRows(n)(doc.lang))) <a href=\"\(e(href))\">tables/\(e(file))</a></p>\n"
                case .figure(let fig):
                    figures += 1
                    body += figure(fig, id: "f\(figures)", download: "\(page == .bulletin ? "bulletin" : "figure")-\(figures).csv", lang: doc.lang, links: links)
                case .picker(let label, let cards):
                    body += picker(label: label, cards: cards, id: "pick\(k + 1)", lang: doc.lang, links: links)
                case .glossary(let entries):
                    body += "<dl class=\"glossary\">" + entries.map { "<dt id=\"g-\($0.id)\">\(x($0.term))</dt><dd>\(x($0.definition))</dd>" }.joined() + "</dl>\n"
                }
            }
            body += "</section>\n"
        }
        if !doc.links.isEmpty {
            body += "<section class=\"links\" id=\"files\">\n<h2>\(e(ReportStrings.regionPages(doc.lang)))</h2>\n<ul>"
                + doc.links.map { "<li><a href=\"\(e($0.href))\">\(x($0.title))</a></li>" }.joined() + "</ul>\n</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(doc.lang == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(doc.title))</title>
        <style>
        \(css)\(page == .bulletin ? bulletinCSS : "")
        </style>
        </head>
        <body>
        \(header.render(title: doc.title, subtitle: doc.subtitle, lang: doc.lang))
        <main>
        \(body)</main>
        <footer><p>\(e(ReportStrings.generatedBy(doc.lang)))</p></footer>
        <script>\(sortScript)\(tipScript)\(pickScript)</script>
        </body>
        </html>

        """
    }

    /// A tooltip for every chart mark, by mouse or by keyboard (Tab to a mark):
    /// the mark's own <title> text in a box beside it; Escape or leaving hides it.
    static let tipScript = """

    (function () {
      var tip = document.createElement("div");
      tip.className = "tip"; tip.setAttribute("role", "tooltip"); tip.hidden = true;
      document.body.appendChild(tip);
      function show(ev) {
        var m = ev.target.closest && ev.target.closest("g.mark"), t = m && m.querySelector("title");
        if (!t) return;
        var r = m.getBoundingClientRect();
        tip.textContent = t.textContent; tip.hidden = false;
        tip.style.left = (window.scrollX + r.right + 6) + "px"; tip.style.top = (window.scrollY + r.top - 4) + "px";
      }
      function hide() { tip.hidden = true; }
      ["mouseover", "focusin"].forEach(function (e) { document.addEventListener(e, show); });
      ["mouseout", "focusout"].forEach(function (e) { document.addEventListener(e, hide); });
      document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    })();
    """

    /// Click a column header to sort the table by it (numbers by value); about 0.7 kB, no network.
    static let sortScript = """
    document.querySelectorAll("table.sortable thead th").forEach(function (th, i) {
      th.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); th.click(); }
      });
      th.addEventListener("click", function (ev) {
        if (ev.target.closest && ev.target.closest("a")) return;
        var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
        var asc = !th.classList.contains("sorted-asc");
        table.querySelectorAll("thead th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); h.removeAttribute("aria-sort"); });
        th.classList.add(asc ? "sorted-asc" : "sorted-desc");
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        function key(row) {
          var t = row.cells[col].textContent.trim(), n = parseFloat(t.replace(/[,%+▲▼]/g, "").replace("−", "-"));
          return isNaN(n) ? t : n;
        }
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y), "zh");
          return asc ? c : -c;
        }).forEach(function (r) { body.appendChild(r); });
      });
    });
    """

    /// The bulletin on paper: A4 portrait, one page for a province's cities,
    /// page numbers in the margin, no data tables behind the chart (the city
    /// table follows it), nothing that only works on a screen.
    static let bulletinCSS = """

    body { max-width: 800px; font-size: 14px; }
    h1 { font-size: 1.45rem; text-align: center; } h2 { font-size: 1.02rem; margin: 14px 0 6px; }
    section p, section li { line-height: 1.55; } section ul { margin: 4px 0; padding-left: 1.3em; }
    figure { margin: 6px 0; } figure svg.chart { max-height: 340px; width: auto; margin: 0 auto; }
    figure.tabbed > label, figure.tabbed > a.download, figure.tabbed > .panel-table { display: none !important; }
    figure.tabbed > .panel-chart { display: block !important; }
    nav, footer { font-size: 0.8rem; }
    @page { size: A4 portrait; margin: 12mm 14mm 14mm;
      @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; } }
    @media print {
      body { font-size: 10pt; } nav, footer, figcaption { display: none; }
      h2 { margin: 8px 0 4px; }
      table { font-size: 7.5pt; } th, td { padding: 0 4px; } td { white-space: nowrap; }
      figure { break-inside: avoid; } figure svg.chart { max-height: 200px; }
      tr { break-inside: avoid; }
      section { display: block; }  /* one column: the bulletin's one chart takes the width */
      table.long tbody tr { display: table-row; } table.long tbody tr.gap { display: none; }  /* the bulletin prints its city table whole */
      .print-only { display: none; }
      section p, section li { line-height: 1.4; }
    }
    """

    static let css = """
    :root { --fg: #1a1a1a; --muted: #555; --line: #d0d0d0; --bg: #fff; --card: #f5f6f8; --accent: #1f4e79; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e8e8e8; --muted: #aaa; --line: #444; --bg: #16181c; --card: #22252b; --accent: #8cb8e6; } }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1180px; padding: 24px; color: var(--fg); background: var(--bg);
      font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif;
      line-height: 1.5; }
    h1 { font-size: 1.6rem; margin: 0 0 4px; color: var(--accent); }
    h2 { font-size: 1.2rem; border-bottom: 2px solid var(--accent); padding-bottom: 4px; margin-top: 32px; }
    .subtitle { color: var(--muted); margin: 0; }
    .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
    .kpi { background: var(--card); border-radius: 6px; padding: 12px 16px; break-inside: avoid; }
    .kpi-label { color: var(--muted); font-size: 0.9rem; }
    .kpi-value { font-size: 1.9rem; font-weight: 600; font-variant-numeric: tabular-nums; }
    .kpi-note { color: var(--muted); font-size: 0.85rem; }
    .table-wrap { overflow-x: auto; }
    thead th:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
    svg g.mark:focus { outline: 2px solid var(--accent); }
    .tip { position: absolute; z-index: 10; max-width: 320px; padding: 4px 8px; font-size: 0.8rem; background: var(--fg); color: var(--bg);
      border-radius: 3px; pointer-events: none; }
    @media print { .tip { display: none; } }
    details.toc { margin: 8px 0 0; font-size: 0.9rem; } details.toc ol { columns: 2; margin: 6px 0; }
    a.permalink { color: var(--muted); text-decoration: none; font-size: 0.8em; visibility: hidden; }
    h2:hover a.permalink, a.permalink:focus { visibility: visible; }
    /* Phones: charts keep a readable size and scroll sideways instead of shrinking their text to 5 px. */
    @media (max-width: 600px) {
      body { padding: 12px; }
      figure { overflow-x: auto; margin: 8px 0; }
      figure svg.chart { max-width: none; width: 560px; }
      .kpis { grid-template-columns: 1fr; }
    }
    table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    figure { margin: 16px 0; break-inside: avoid; }
    .logo, .logo svg { max-height: 48px; width: auto; float: right; }
    figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 4px; }
    svg.chart { max-width: 100%; height: auto; display: block; font-size: 11px; }
    svg.spark { display: block; margin: 4px 0; }
    svg text { fill: var(--fg); font-family: inherit; }
    svg .tick { fill: var(--muted); }
    svg .grid { stroke: var(--line); stroke-width: 0.5; }
    svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
    svg .band { fill: var(--accent); opacity: 0.15; }
    svg .dot { fill: var(--accent); }
    svg .dot.flagged, svg path.flagged { stroke: #b3261e; stroke-width: 2; fill: none; }
    svg .target { stroke: var(--fg); stroke-width: 1.2; stroke-dasharray: 4 3; }
    svg .path { stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 2 3; }
    svg .whisker { stroke: var(--accent); stroke-width: 1.5; }
    svg .milestone { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; }
    svg .baseline { fill: var(--bg); stroke: var(--accent); stroke-width: 2; }
    svg .limit95 { fill: none; stroke: var(--muted); stroke-dasharray: 3 3; }
    svg .limit998 { fill: none; stroke: var(--muted); }
    svg .ci { stroke: var(--muted); stroke-width: 2; }
    svg .bar { fill: var(--accent); }
    svg .bar.flagged { fill: #b3261e; }
    svg .bar.behind { fill: #b3261e; fill-opacity: 0.35; stroke: #b3261e; stroke-width: 1; stroke-dasharray: 3 2; }
    svg .track { fill: var(--card); stroke: var(--line); } svg .track.none { fill: none; stroke-dasharray: 3 3; }
    svg .axis-zero, svg .axis-full { stroke: var(--fg); stroke-width: 1; } svg .axis-full { stroke-dasharray: 1 2; }
    svg .tile { stroke: var(--line); }
    /* Sequential, the weakest darkest (s4 = the lowest rates): every shade at least 3:1 against the white page (3.2, 4.1, 5.5, 7.9, 11.4);
       labels #111 on s0–s1 (6.0, 4.6:1), white on s2–s4 (5.5, 7.9, 11.4:1). */
    svg .tile.s-1 { fill: var(--card); } svg .tile.s0 { fill: #6594c8; } svg .tile.s1 { fill: #4d80bd; }
    svg .tile.s2 { fill: #3a6aa6; } svg .tile.s3 { fill: #2a5289; } svg .tile.s4 { fill: #193a66; }
    svg .tile-label, svg .tile-value { fill: #111; font-size: 12px; }
    svg .mark .tile.s2 ~ text, svg .mark .tile.s3 ~ text, svg .mark .tile.s4 ~ text { fill: #fff; }
    svg .axis-title { fill: var(--muted); font-size: 11px; }
    svg .ref-label { fill: var(--fg); font-size: 11px; paint-order: stroke; stroke: var(--bg); stroke-width: 3px; }
    figure.tabbed > input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
    figure.tabbed > label, figure.tabbed > a.download { display: inline-block; font-size: 0.85rem; padding: 1px 10px; margin: 0 2px 4px 0;
      border: 1px solid var(--line); border-radius: 4px; color: var(--accent); cursor: pointer; text-decoration: none; }
    figure.tabbed > input:checked + label { background: var(--card); color: var(--fg); font-weight: 600; }
    figure.tabbed > input:focus-visible + label, figure.tabbed > a.download:focus-visible { outline: 2px solid var(--accent); }
    figure.tabbed > .panel-table { display: none; }
    .picker { margin: 12px 0; } .picker select { font: inherit; margin-left: 6px; } .picker .kpis { margin-top: 8px; max-width: 420px; }
    .picker [hidden] { display: none; }
    figure.tabbed > input.tab-table:checked ~ .panel-table { display: block; }
    figure.tabbed > input.tab-table:checked ~ .panel-chart { display: none; }
    .print-only { display: none; }
    th.sorted-asc::after { content: " ▲"; } th.sorted-desc::after { content: " ▼"; }
    thead th { cursor: pointer; }
    caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--fg); }
    tbody th { font-weight: normal; min-width: 9em; }
    tbody td:nth-child(2) { white-space: nowrap; }  /* region and other short names */
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    footer { color: var(--muted); font-size: 0.85rem; margin-top: 32px; border-top: 1px solid var(--line); }
    tr.gap { display: none; }  /* on paper only: where a long table's rows were left out */
    dl.glossary dt { font-weight: 600; margin-top: 6px; } dl.glossary dd { margin: 0 0 0 1.5em; }
    th a.term { color: inherit; text-decoration: underline dotted; }
    @page { size: A4 portrait; margin: 12mm 12mm 14mm;
      @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #444; } }
    @media print {
      /* On paper a section's figures sit side by side; its tables and text take the full width. */
      section { display: flex; flex-wrap: wrap; gap: 4px 18px; align-items: flex-start; }
      section > * { flex: 1 1 100%; min-width: 0; }
      section > figure { flex: 1 1 45%; margin: 4px 0; }
      figure svg.chart { max-height: 220px; width: auto; }
      body { font-size: 10pt; }
      :root { --fg: #000; --muted: #444; --line: #bbb; --bg: #fff; --card: #f0f0f0; --accent: #1f4e79; }
      body { max-width: none; padding: 0; }
      .kpis, .kpi, tr { break-inside: avoid; }
      h2 { break-after: avoid; }
      thead { display: table-header-group; }
      .table-wrap { overflow: visible; }
      figure.tabbed > label, figure.tabbed > a.download, figure.tabbed > .panel-table { display: none !important; }  /* the section's table prints the data */
      figure.tabbed > .panel-chart { display: block !important; }
      table.long tbody tr:not(.p):not(.gap) { display: none; }  /* long tables on paper: top, bottom and focus rows (HTMLReport.printedTop) */
      tr.gap { display: table-row; } tr.gap td { text-align: center; color: var(--muted); font-style: italic; }
      section:not(:has(> figure ~ figure)) { display: block; }  /* side by side only where there are figures to set so: a flex section moves to the next page whole, a block one breaks */
      .print-only { display: block; color: var(--muted); font-size: 0.8rem; }
      section.links, details.toc, a.permalink, .picker { display: none; }
      td a, th a { color: inherit; text-decoration: none; }  /* a region's page link is for the screen */
      figure { break-inside: avoid; } h2 { break-after: avoid; }
      thead th { cursor: default; }
      footer { margin-top: 6px; }  /* one line: never a page of its own */
      section:has(> dl.glossary) { display: none; }  /* the glossary is the screen's, where headers link to it; paper keeps the methods */
      table { font-size: 7.5pt; }
      th, td { padding: 2px 4px; }
      td { white-space: nowrap; } td:last-child { white-space: normal; }  /* a status never breaks a letter a line */
      * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    }
    """
}
