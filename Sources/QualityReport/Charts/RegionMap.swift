import Foundation
import QualityData

/// A boundary map the user supplies (`--map`): one outline per region code,
/// drawn as the choropleth of the focus region's cities. None is bundled —
/// a published map of China must pass the official map review (审图), so the
/// user brings the map their office is allowed to print.
///
/// Two forms are read:
/// - **GeoJSON** (a FeatureCollection of Polygon / MultiPolygon features in
///   longitude/latitude, as DataV and most GIS tools export): the region code
///   is the first of the properties `region_code`, `code`, `adcode`, `gb` that
///   holds six digits; coordinates are projected equirectangularly with the
///   longitude scaled by the cosine of the middle latitude (true shapes
///   at a province's scale), and points closer than half a pixel dropped.
/// - **SVG**: every `<path>` whose `id` or `data-code` is six digits, with the
///   root `viewBox`. Only the path data is kept (checked to be path commands
///   and numbers), never the file's scripts, styles or links.
public struct RegionMap: Sendable {
    /// An SVG map: its viewBox and path data by region code, drawn as given.
    let svgBox: (Double, Double, Double, Double)?
    let svgShapes: [(code: String, path: String)]
    /// A GeoJSON map: rings of (longitude, latitude) by region code, projected when drawn.
    let polygons: [(code: String, rings: [[(Double, Double)]])]

    public var codes: Set<String> { Set(svgShapes.map(\.code) + polygons.map(\.code)) }

    /// The drawing of the regions `wanted`: an SVG map whole (its author chose
    /// the frame); a GeoJSON map cut to those regions and projected to fill
    /// a 600-wide frame. Shapes in file order.
    /// A GeoJSON shape also gets an anchor for its label: the middle of its largest ring's bounds.
    public func drawing(of wanted: Set<String>) -> Drawing {
        if let box = svgBox { return Drawing(viewBox: box, shapes: svgShapes.map { ($0.code, $0.path, nil) }) }
        let picked = polygons.filter { wanted.contains($0.code) }
        let all = picked.flatMap { $0.rings.flatMap { $0 } }
        guard let minLon = all.map(\.0).min(), let maxLon = all.map(\.0).max(), let minLat = all.map(\.1).min(), let maxLat = all.map(\.1).max(),
              maxLon - minLon >= RecordLimits.smallestMapExtent, maxLat - minLat >= RecordLimits.smallestMapExtent
        else { return Drawing(viewBox: (0, 0, 600, 400), shapes: []) }
        // Near a pole the cosine goes to 0; 89° keeps the scale finite.
        let k = max(cos((minLat + maxLat) / 2 * .pi / 180), cos(89 * .pi / 180))
        let width = 600.0, scale = width / ((maxLon - minLon) * k), height = (maxLat - minLat) * scale
        // A sliver (regions along one line of longitude) cannot be drawn as a map.
        guard height <= 100 * width, height >= width / 100 else { return Drawing(viewBox: (0, 0, 600, 400), shapes: []) }
        var shapes: [(code: String, path: String, anchor: (Double, Double)?)] = []
        for p in picked {
            var d = ""
            let largest = p.rings.max { a, b in
                func area(_ r: [(Double, Double)]) -> Double { (r.map(\.0).max()! - r.map(\.0).min()!) * (r.map(\.1).max()! - r.map(\.1).min()!) }
                return area(a) < area(b)
            }!
            let anchor = (((largest.map(\.0).min()! + largest.map(\.0).max()!) / 2 - minLon) * k * scale,
                          (maxLat - (largest.map(\.1).min()! + largest.map(\.1).max()!) / 2) * scale)
            for ring in p.rings {
                var last: (Double, Double)? = nil
                for (i, pt) in ring.enumerated() {
                    let x = (pt.0 - minLon) * k * scale, y = (maxLat - pt.1) * scale
                    // Points within half a pixel of the last one drawn add nothing.
                    if let l = last, i < ring.count - 1, abs(x - l.0) < 0.5 && abs(y - l.1) < 0.5 { continue }
                    d += (i == 0 ? "M" : "L") + NumberText.fixed(x, 1) + "," + NumberText.fixed(y, 1)
                    last = (x, y)
                }
                d += "Z"
            }
            shapes.append((p.code, d, anchor))
        }
        return Drawing(viewBox: (0, 0, width, (height * 10).rounded() / 10), shapes: shapes)
    }

    /// What is drawn: the frame and each region's path, with a label anchor where one is known.
    public struct Drawing: Sendable {
        public let viewBox: (Double, Double, Double, Double)
        public let shapes: [(code: String, path: String, anchor: (Double, Double)?)]
    }

    /// A map file larger than this is refused (its outlines go into index.html).
    static let maxBytes = 16 << 20

    public static func load(path: String) throws -> RegionMap {
        guard let data = FileManager.default.contents(atPath: path) else { throw RegionMapError.unreadable(path) }
        guard data.count <= maxBytes else { throw RegionMapError.tooLarge(path) }
        let text = String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], as: UTF8.self)
        let start = text.first { !$0.isWhitespace }
        let map = try start == "{" ? geoJSON(data, path: path) : svg(text, path: path)
        guard !map.codes.isEmpty else { throw RegionMapError.noRegions(path) }
        return map
    }

    // MARK: GeoJSON

    static let codeProperties = ["region_code", "code", "adcode", "gb"]

    static func geoJSON(_ data: Data, path: String) throws -> RegionMap {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw RegionMapError.notAMap(path) }
        let features = (root["features"] as? [[String: Any]]) ?? (root["type"] as? String == "Feature" ? [root] : [])
        var polygons: [(code: String, rings: [[(Double, Double)]])] = []
        for f in features {
            let props = f["properties"] as? [String: Any] ?? [:]
            guard let code = codeProperties.lazy.compactMap({ code(props[$0]) }).first,
                  let g = f["geometry"] as? [String: Any], let type = g["type"] as? String else { continue }
            let coords = g["coordinates"]
            let parts: [Any] = type == "Polygon" ? [coords as Any] : (type == "MultiPolygon" ? (coords as? [Any] ?? []) : [])
            var rings: [[(Double, Double)]] = []
            for part in parts {
                for ring in part as? [Any] ?? [] {
                    let pts = (ring as? [Any] ?? []).compactMap { p -> (Double, Double)? in
                        guard let xy = p as? [Any], xy.count >= 2, let x = number(xy[0]), let y = number(xy[1]) else { return nil }
                        return (x, y)
                    }
                    // Longitude and latitude, or nothing: a ring at ±1e308 would overflow the projection.
                    guard pts.allSatisfy({ abs($0.0) <= 180 && abs($0.1) <= 90 }) else { throw RegionMapError.badCoordinates(path, code) }
                    if pts.count >= 3 { rings.append(pts) }
                }
            }
            if !rings.isEmpty { polygons.append((code, rings)) }
        }
        return RegionMap(svgBox: nil, svgShapes: [], polygons: polygons)
    }

    static func number(_ v: Any?) -> Double? {
        if let d = v as? Double { return d }
        if let n = v as? NSNumber { return n.doubleValue }
        return nil
    }

    /// Six digits, from a string or a number (DataV writes `adcode` as a number).
    static func code(_ v: Any?) -> String? {
        let s: String
        if let t = v as? String { s = t } else if let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded() { s = String(n.int64Value) } else { return nil }
        return s.count == 6 && s.allSatisfy { $0.isASCII && $0.isNumber } ? s : nil
    }

    // MARK: SVG

    static func svg(_ text: String, path: String) throws -> RegionMap {
        guard let root = text.firstMatch(of: /<svg\b[^>]*>/) else { throw RegionMapError.notAMap(path) }
        let box = attribute("viewBox", in: String(root.0))?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) } ?? []
        guard box.count == 4 else { throw RegionMapError.noViewBox(path) }
        // Finite, positive, and not a sliver: the page scales it to 560 px wide.
        guard box.allSatisfy(\.isFinite), box[2] > 0, box[3] > 0, box[3] / box[2] <= 100, box[2] / box[3] <= 100 else {
            throw RegionMapError.badViewBox(path)
        }
        var shapes: [(code: String, path: String)] = []
        for m in text.matches(of: /<path\b[^>]*>/) {
            let tag = String(m.0)
            guard let code = (attribute("data-code", in: tag) ?? attribute("id", in: tag)).flatMap({ code($0) }),
                  let d = attribute("d", in: tag) else { continue }
            // Path data only: commands, numbers, separators.
            guard d.allSatisfy({ "MmLlHhVvCcSsQqTtAaZz0123456789.,-+eE \n\t\r".contains($0) }) else { throw RegionMapError.badPath(path, code) }
            shapes.append((code, d.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
        }
        return RegionMap(svgBox: (box[0], box[1], box[2], box[3]), svgShapes: shapes, polygons: [])
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)") ?? tag.range(of: "\t\(name)=\(quote)"),
               let end = tag[r.upperBound...].firstIndex(of: Character(quote)) {
                return String(tag[r.upperBound..<end])
            }
        }
        return nil
    }
}

public enum RegionMapError: Error, CustomStringConvertible, Equatable {
    case unreadable(String), tooLarge(String), notAMap(String), noViewBox(String), noRegions(String), badPath(String, String),
         badCoordinates(String, String), badViewBox(String)

    /// The message in both languages (the option is checked before the report's language matters).
    public var description: String {
        let S = ReportStrings.self
        let b: Bilingual
        switch self {
        case .unreadable(let p): b = S.mapUnreadable(p)
        case .tooLarge(let p): b = S.mapTooLarge(p, mib: RegionMap.maxBytes >> 20)
        case .notAMap(let p): b = S.mapNotAMap(p)
        case .noViewBox(let p): b = S.mapNoViewBox(p)
        case .noRegions(let p): b = S.mapNoRegions(p)
        case .badPath(let p, let code): b = S.mapBadPath(p, code: code)
        case .badCoordinates(let p, let code): b = S.mapBadCoordinates(p, code: code)
        case .badViewBox(let p): b = S.mapBadViewBox(p)
        }
        return "\(b(.en)) (\(b(.zh)))"
    }
}
