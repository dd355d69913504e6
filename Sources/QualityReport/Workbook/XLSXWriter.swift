import CZlib
import Dispatch
import Foundation
import QualityData
import QualityIndicators
import QualityRuntime

/// `tables.xlsx`: every table as a sheet (Office Open XML, SpreadsheetML),
/// header row frozen, autofilter, rates as percentages, codes as text, and a
/// notes sheet (说明) with the indicator definitions. The ZIP container is
/// written here with zlib's raw deflate and CRC-32 — no dependency.
public enum XLSXWriter {
    /// Sheet name for a table: Chinese (≤ 31 characters, unique) or the table name.
    static func sheetName(_ table: String, title: Bilingual? = nil, lang: Language, used: inout Set<String>) -> String {
        var name = String((lang == .zh ? title?.zh ?? ReportStrings.sheetName(table) : table).prefix(31))
        for c in ["[", "]", ":", "*", "?", "/", "\\"] { name = name.replacingOccurrences(of: c, with: "_") }
        var candidate = name, k = 2
        while used.contains(candidate) { candidate = String(name.prefix(28)) + "_\(k)"; k += 1 }
        used.insert(candidate)
        return candidate
    }

    /// Rows per piece of a sheet: pieces are built and deflated in parallel
    /// (``RawDeflate``) and never all held as XML at once. Fixed, so the
    /// bytes never depend on the number of cores.
    static let rowsPerPiece = 4096

    public static func workbook(_ tables: [ReportTable], lang: Language) -> [UInt8] {
        var used = Set<String>()
        let tableNames = tables.map { sheetName($0.name, title: $0.title, lang: lang, used: &used) }
        let names = tableNames + [sheetName("notes", lang: lang, used: &used), sheetName("columns", lang: lang, used: &used)]
        // Every sheet cut into pieces of rows; all pieces of all sheets built and deflated in parallel.
        // The header row is in the report's language; the columns sheet pairs it with the CSV's machine name.
        let all = tables + [notesTable(lang), columnsTable(tables, sheets: tableNames, lang: lang)]
        let headers = tables.map { t in zip(t.columns, t.kinds).map { ReportColumns.header($0, kind: $1, lang: lang) } } + [all[all.count - 2].columns, all[all.count - 1].columns]
        // (An empty table is one piece: its head and tail.)
        let jobs = all.indices.flatMap { i in
            stride(from: 0, to: max(all[i].rows.count, 1), by: rowsPerPiece).map { (sheet: i, rows: $0..<min(all[i].rows.count, $0 + rowsPerPiece)) }
        }
        let packed = IndexedResults<RawDeflate.Piece>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
            let (i, rows) = jobs[k]
            let t = all[i]
            let first = rows.lowerBound == 0, last = rows.upperBound == t.rows.count
            packed.set(k, RawDeflate.piece(sheet(t, rows: rows, head: first, tail: last, headers: headers[i], lang: lang), final: last))
        }
        let pieces = packed.ordered
        var bySheet = [[RawDeflate.Piece]](repeating: [], count: all.count)
        for (k, job) in jobs.enumerated() { bySheet[job.sheet].append(pieces[k]) }
        let sheets = zip(names, bySheet).map { (name: $0.0, part: RawDeflate.join($0.1)) }
        var files: [(String, [UInt8])] = []
        func add(_ path: String, _ text: String) { files.append((path, Array(text.utf8))) }
        add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
            """)
        add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheets.enumerated().map { "<sheet name=\"\(HTMLText.escape($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined())</sheets>\(definedNames(tables, sheets.map(\.name)))</workbook>
            """)
        add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())<Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """)
        // Styles: 0 default, 1 percent with two decimals, 2 bold header, 3 text, 4 date (yyyy-mm-dd).
        add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="5"><xf/><xf numFmtId="10" applyNumberFormat="1"/><xf fontId="1" applyFont="1"/><xf numFmtId="49" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """)
        var entries = files.map { ZipWriter.Entry(name: $0.0, data: RawDeflate.piece($0.1, final: true)) }
        for (i, s) in sheets.enumerated() { entries.append(ZipWriter.Entry(name: "xl/worksheets/sheet\(i + 1).xml", data: s.part)) }
        return ZipWriter.archive(entries)
    }

    /// The autofilter needs a defined name per sheet for Excel to keep it.
    static func definedNames(_ tables: [ReportTable], _ names: [String]) -> String {
        let items = tables.enumerated().filter { !$0.element.columns.isEmpty }.map { i, t in
            "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">'\(HTMLText.escape(names[i].replacingOccurrences(of: "'", with: "''")))'!$A$1:$\(column(t.columns.count - 1))$\(t.rows.count + 1)</definedName>"
        }
        return items.isEmpty ? "" : "<definedNames>\(items.joined())</definedNames>"
    }

    static func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(65 + r)!) + s; n = (n - 1) / 26 }
        return s
    }

    /// Whether a column's cells are written as numbers (when they read as decimals, ``isDecimal(_:)``).
    static func isNumeric(_ kind: ColumnKind) -> Bool {
        switch kind {
        case .code, .text, .flag, .date: return false
        case .count, .year, .proportion, .number: return true
        }
    }

    /// `[+-]? digits [. digits] [e [+-] digits]` with at least one mantissa
    /// digit: what a cell shows as a number (a byte scan; no parse per cell).
    static func isDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func digits() -> Int {
            let start = i
            while i < n, b[i] &- 48 < 10 { i += 1 }
            return i - start
        }
        if i < n, b[i] == 43 || b[i] == 45 { i += 1 }
        var mantissa = digits()
        if i < n, b[i] == 46 { i += 1; mantissa += digits() }
        guard mantissa > 0 else { return false }
        if i < n, b[i] == 101 {
            i += 1
            if i < n, b[i] == 43 || b[i] == 45 { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == n
    }

    /// Appends XML-escaped text without building intermediate strings.
    /// Characters XML 1.0 forbids are not written: C0 controls other than
    /// tab and line feed are dropped, and the noncharacters U+FFFE and U+FFFF
    /// (UTF-8 EF BF BE/BF) become U+FFFD, so a name from the data can never
    /// make a sheet unreadable.
    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        ByteText.withBytes(s) { appendEscaped($0, to: &out) }
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Most cells need no escape: copy them whole.
        if !bytes.contains(where: { $0 < 32 || $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 0xEF }) {
            out.append(contentsOf: bytes)
            return
        }
        var pending = 0  // bytes of a possible EF BF xx sequence seen so far
        for b in bytes {
            if pending == 2 {
                pending = 0
                out += [0xEF, 0xBF, b == 0xBE || b == 0xBF ? 0xBD : b]
                continue
            }
            if pending == 1 {
                if b == 0xBF { pending = 2; continue }
                pending = 0
                out.append(0xEF)
            }
            switch b {
            case 0xEF: pending = 1
            case 38: out += Array("&amp;".utf8)
            case 60: out += Array("&lt;".utf8)
            case 62: out += Array("&gt;".utf8)
            case 34: out += Array("&quot;".utf8)
            case 0..<32 where b != 9 && b != 10: continue
            default: out.append(b)
            }
        }
    }

    /// One worksheet, built as bytes (large tables have millions of cells).
    static func sheet(_ t: ReportTable, lang: Language = .zh) -> [UInt8] { sheet(t, rows: t.rows.indices, head: true, tail: true, headers: t.columns, lang: lang) }

    /// A piece of a worksheet: the rows in `rows`, with the sheet's head
    /// (declaration, frozen pane, header row) and tail (autofilter) where asked.
    /// Enumerated values are written as people read them in `lang`
    /// (``ReportColumns/valueLabels(_:kind:lang:)``; the CSV keeps the ids).
    static func sheet(_ t: ReportTable, rows: Range<Int>, head: Bool, tail: Bool, headers: [String], lang: Language) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * max(1, t.columns.count) * 40 + 1024)
        func add(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func add(_ s: String) { ByteText.withBytes(s) { out.append(contentsOf: $0) } }
        let letters = t.columns.indices.map { Array(column($0).utf8) }
        let rate = t.kinds.map { $0 == .proportion }, text = t.kinds.map { $0 == .code || $0 == .text }
        let numeric = t.kinds.map(isNumeric), date = t.kinds.map { $0 == .date }
        // Each enumerated column's ids as bytes beside their labels: a few entries, compared by bytes
        // (a String-keyed dictionary hashed every cell of the large sheets).
        let labels: [[(id: [UInt8], xml: [UInt8])]] = zip(t.columns, t.kinds).map { c, k in
            ReportColumns.valueLabels(c, kind: k, lang: lang).map {
                $0.map { id, label in
                    var xml: [UInt8] = []
                    appendEscaped(label, to: &xml)
                    return (Array(id.utf8), xml)
                }
            } ?? []
        }
        let labelled = labels.map { !$0.isEmpty }
        let rateRows = t.proportionRows, anyRateRows = !t.proportionRows.isEmpty
        let rowRate = t.columns.map { t.proportionColumns.contains($0) }
        if head {
            add("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">")
            add("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>")
            if !t.columns.isEmpty {
                add("<cols>")
                for (c, w) in widths(t, headers: headers).enumerated() {
                    add("<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(w)\" customWidth=\"1\"/>")
                }
                add("</cols>")
            }
            add("<sheetData><row r=\"1\">")
            for (c, name) in headers.enumerated() where c < t.columns.count {
                add("<c r=\""); out += letters[c]; add("1\" t=\"inlineStr\" s=\"2\"><is><t>"); appendEscaped(name, to: &out); add("</t></is></c>")
            }
            add("</row>")
        }
        for r in rows {
            let row = t.rows[r]
            let rowNumber = Array(String(r + 2).utf8)
            add("<row r=\""); out += rowNumber; add("\">")
            let rateRow = anyRateRows && rateRows.contains(r)
            for (c, v) in row.enumerated() where c < t.columns.count && !v.isEmpty {
                add("<c r=\""); out += letters[c]; out += rowNumber
                // An enumerated value as people read it: a text cell of its label.
                if labelled[c], let l = ByteText.withBytes(v, { b in labels[c].first { $0.id.count == b.count && $0.id.elementsEqual(b) }?.xml }) {
                    if text[c] { add("\" t=\"inlineStr\" s=\"3\"><is><t>") } else { add("\" t=\"inlineStr\"><is><t>") }
                    out += l
                    add("</t></is></c>")
                    continue
                }
                let percent = rate[c] || (rateRow && rowRate[c])
                ByteText.withBytes(v) { b in
                    if date[c], let serial = CivilDate.days(iso: b).map({ Int($0) + 25_569 }) {
                        // Days since 1899-12-30 (Excel's day 0, its 1900 leap-year quirk included), shown yyyy-mm-dd.
                        add("\" s=\"4\"><v>"); add(String(serial)); add("</v></c>")
                    } else if numeric[c] && isDecimal(b) {
                        if percent { add("\" s=\"1\"><v>") } else { add("\"><v>") }
                        out.append(contentsOf: b)
                        add("</v></c>")
                    } else {
                        if text[c] { add("\" t=\"inlineStr\" s=\"3\"><is><t") } else { add("\" t=\"inlineStr\"><is><t") }
                        // Spaces at either end are kept only when the cell asks for it.
                        if b[0] <= 32 || b[b.count - 1] <= 32 { add(" xml:space=\"preserve\">") } else { add(">") }
                        appendEscaped(b, to: &out)
                        add("</t></is></c>")
                    }
                }
            }
            add("</row>")
        }
        if tail {
            add("</sheetData>")
            if !t.columns.isEmpty { add("<autoFilter ref=\"A1:\(column(t.columns.count - 1))\(t.rows.count + 1)\"/>") }
            add("</worksheet>")
        }
        return out
    }

    /// The notes sheet: every indicator's definition from the registry, and where the methods are written.
    /// Column widths in characters: the widest of the header and the first
    /// 2,000 cells (a CJK character counts two; a percentage as shown), 8 to 60.
    static func widths(_ t: ReportTable, headers: [String]) -> [Int] {
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) } }
        return t.columns.indices.map { c in
            var w = width(c < headers.count ? headers[c] : t.columns[c]) + 2  // the autofilter button
            for row in t.rows.prefix(2000) where c < row.count {
                w = max(w, t.kinds[c] == .proportion ? 8 : (t.kinds[c] == .date ? 11 : width(row[c])))
            }
            return min(60, max(8, w + 1))
        }
    }

    /// The columns sheet: each sheet's headers beside the CSV's machine names and kinds.
    static func columnsTable(_ tables: [ReportTable], sheets: [String], lang: Language) -> ReportTable {
        let header = lang == .zh ? ["工作表", "列标题", "CSV 列名", "类型"] : ["sheet", "header", "csv_column", "kind"]
        let rows = zip(tables, sheets).flatMap { t, sheet in
            zip(t.columns, t.kinds).map { [sheet, ReportColumns.header($0, kind: $1, lang: lang), $0, $1.rawValue] }
        }
        return ReportTable(name: "columns", columns: header, rows: rows)
    }

    static func notesTable(_ lang: Language) -> ReportTable {
        let header = lang == .zh ? ["指标", "名称", "单位", "方向", "定义"] : ["indicator", "name", "unit", "direction", "definition"]
        let rows = IndicatorRegistry.all.map { d in [d.id, d.name(lang), d.unit(lang), d.direction.rawValue, d.formula(lang)] }
            + [["", ReportStrings.notesMethods(lang), "", "", ""]]
        return ReportTable(name: "notes", columns: header, rows: rows)
    }
}

/// A ZIP archive (PKWARE APPNOTE 6.3): local headers, raw-deflated data, central directory.
enum ZipWriter {
    /// One file of the archive, already deflated.
    struct Entry {
        let name: String
        let data: RawDeflate.Piece
    }

    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(4096) { $0 + $1.data.bytes.count + 2 * $1.name.utf8.count + 100 })
        var central: [UInt8] = []
        func u16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        for e in entries {
            let (crc, packed, size) = (e.data.crc, e.data.bytes, UInt32(e.data.size))
            let nameBytes = Array(e.name.utf8)
            let offset = UInt32(out.count)
            // Local file header; DOS time 1980-01-01 00:00 so the bytes never depend on the clock.
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(8, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(packed.count), &out); u32(size, &out); u16(nameBytes.count, &out); u16(0, &out)
            out += nameBytes
            out += packed
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0x0800, &central); u16(8, &central); u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(UInt32(packed.count), &central); u32(size, &central); u16(nameBytes.count, &central)
            u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central)
            central += nameBytes
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }
}
