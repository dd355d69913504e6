import Foundation
import Testing
import _QualityTestSupport
@testable import QualityReport

/// `--map` (issue 17): the user's GeoJSON or SVG boundaries, read safely.
@Suite struct RegionMapTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let path = Fixtures.tempDir() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func square(_ lon: Double, _ lat: Double, _ size: Double = 1) -> String {
        "[[[\(lon),\(lat)],[\(lon + size),\(lat)],[\(lon + size),\(lat + size)],[\(lon),\(lat + size)],[\(lon),\(lat)]]]"
    }

    @Test func geoJSONIsProjectedWithTheCosineOfItsLatitude() throws {
        // One square degree at 60° N is half as wide as it is tall (cos 60° = 0.5).
        let path = try Self.write("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":450100,"name":"南宁市"},"geometry":{"type":"Polygon","coordinates":\(Self.square(10, 59.5))}},
          {"type":"Feature","properties":{"name":"no code"},"geometry":{"type":"Polygon","coordinates":\(Self.square(20, 59.5))}}]}
        """, "one.geojson")
        let map = try RegionMap.load(path: path)
        #expect(map.codes == ["450100"])
        let d = map.drawing(of: ["450100"])
        #expect(d.viewBox.2 == 600 && abs(d.viewBox.3 - 1200) < 0.1)
        #expect(d.shapes.first?.path == "M0.0,1200.0L600.0,1200.0L600.0,0.0L0.0,0.0L0.0,1200.0Z")
        #expect(d.shapes.first.map { abs($0.anchor!.0 - 300) < 1e-9 && abs($0.anchor!.1 - 600) < 1e-9 } == true)
    }

    @Test func multiPolygonsAndStringCodesAndOnlyTheWantedRegions() throws {
        let path = try Self.write("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"code":"450200"},"geometry":{"type":"MultiPolygon","coordinates":[\(Self.square(108, 23)),\(Self.square(110, 23))]}},
          {"type":"Feature","properties":{"region_code":"450300"},"geometry":{"type":"Polygon","coordinates":\(Self.square(112, 23))}}]}
        """, "two.geojson")
        let map = try RegionMap.load(path: path)
        #expect(map.codes == ["450200", "450300"])
        let d = map.drawing(of: ["450200"])
        #expect(d.shapes.map(\.code) == ["450200"] && d.shapes[0].path.filter { $0 == "M" }.count == 2)
    }

    @Test func svgKeepsOnlyThePathData() throws {
        let path = try Self.write("""
        <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" onload="alert(1)">
        <script>alert(2)</script><style>@import url(http://example.invalid/x.css);</style>
        <path id="450100" d="M0 0 L50 0 L50 50 Z" onclick="alert(3)"/><path data-code="450200" id="x" d="M50 0 h50 v50 z"/>
        <path id="other" d="M0 0 L1 1"/></svg>
        """, "map.svg")
        let map = try RegionMap.load(path: path)
        let d = map.drawing(of: [])
        #expect(d.viewBox == (0, 0, 100, 50) && d.shapes.map(\.code) == ["450100", "450200"] && d.shapes.allSatisfy { $0.anchor == nil })
        let svg = Charts.choropleth(d, cells: ["450100": ("南宁市", 0.93, "93.0%")], title: "t", desc: "d", noData: "无数据")
        #expect(!svg.contains("alert") && !svg.contains("http") && !svg.contains("@import") && !svg.contains("onclick"))
        #expect(svg.contains("<title>南宁市 93.0%</title>"))
    }

    @Test func badMapsGetClearErrors() throws {
        #expect(throws: RegionMapError.unreadable("/no/such.geojson")) { try RegionMap.load(path: "/no/such.geojson") }
        let text = try Self.write("code,name\n450100,南宁市\n", "map.csv")
        #expect(throws: RegionMapError.notAMap(text)) { try RegionMap.load(path: text) }
        let noBox = try Self.write("<svg><path id=\"450100\" d=\"M0 0\"/></svg>", "nobox.svg")
        #expect(throws: RegionMapError.noViewBox(noBox)) { try RegionMap.load(path: noBox) }
        let noCodes = try Self.write("{\"type\":\"FeatureCollection\",\"features\":[]}", "empty.geojson")
        #expect(throws: RegionMapError.noRegions(noCodes)) { try RegionMap.load(path: noCodes) }
        let bad = try Self.write("<svg viewBox=\"0 0 1 1\"><path id=\"450100\" d=\"M0 0 url(javascript:x)\"/></svg>", "bad.svg")
        #expect(throws: RegionMapError.badPath(bad, "450100")) { try RegionMap.load(path: bad) }
        #expect("\(RegionMapError.noRegions("m.json"))".contains("adcode"))
    }

    /// Issue 30: coordinates that would overflow the projection, and
    /// extents too thin to draw, are refused or fall back — never a trap
    /// ("Double value cannot be converted to Int").
    @Test func coordinatesOutOfRangeAndDegenerateExtentsNeverTrap() throws {
        let huge = try Self.write("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":450100},"geometry":{"type":"Polygon","coordinates":[[[-1e308,-1e308],[1e308,-1e308],[1e308,1e308],[-1e308,-1e308]]]}}]}
        """, "huge.geojson")
        #expect(throws: RegionMapError.badCoordinates(huge, "450100")) { try RegionMap.load(path: huge) }
        #expect("\(RegionMapError.badCoordinates(huge, "450100"))".contains("±180"))
        // Every city within 1e-320°: nothing to draw, so the page falls back to the tile grid.
        let tiny = try Self.write("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":450100},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1e-320,0],[0,1e-320],[0,0]]]}},
          {"type":"Feature","properties":{"adcode":450200},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0,0],[1e-320,1e-320],[0,0]]]}}]}
        """, "tiny.geojson")
        #expect(try RegionMap.load(path: tiny).drawing(of: ["450100", "450200"]).shapes.isEmpty)
        // A sliver along one meridian, and a map at the pole: no shape, or a finite frame.
        let sliver = try Self.write("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":450100},"geometry":{"type":"Polygon","coordinates":[[[108,-80],[108.00001,-80],[108,80],[108,-80]]]}}]}
        """, "sliver.geojson")
        #expect(try RegionMap.load(path: sliver).drawing(of: ["450100"]).shapes.isEmpty)
        let pole = try Self.write("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":450100},"geometry":{"type":"Polygon","coordinates":[[[0,89.9],[120,89.9],[120,90],[0,90],[0,89.9]]]}}]}
        """, "pole.geojson")
        let d = try RegionMap.load(path: pole).drawing(of: ["450100"])
        #expect(d.viewBox.3.isFinite)
        _ = Charts.choropleth(d, cells: ["450100": ("南宁市", 0.9, "90%")], title: "t", desc: "d", noData: "—")
        // An SVG viewBox at 1e308 by 1e-300: refused, not scaled to infinity.
        for box in ["0 0 1e308 1e-300", "0 0 1 inf", "0 0 nan 1", "0 0 1 1000"] {
            let svg = try Self.write("<svg viewBox=\"\(box)\"><path id=\"450100\" d=\"M0 0L1 1Z\"/></svg>", "box.svg")
            #expect(throws: RegionMapError.badViewBox(svg)) { try RegionMap.load(path: svg) }
        }
    }
}
