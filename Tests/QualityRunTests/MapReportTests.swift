import Foundation
import QualityData
@testable import QualityReport
import Testing
import _QualityTestSupport
@testable import QualityRun

/// `--map` end to end (issue 17): the focus region's cities drawn on the
/// user's boundaries, each with the rate of pass_rate_by_region.csv; a city
/// the map lacks is named; the tile grid is the fallback; a bad map is a
/// usage error before anything is written.
@Suite struct MapReportTests {
    /// A schematic map (squares on a grid, not real boundaries) of 13 of
    /// Guangxi's 14 cities: 钦州市 (450700) is left out.
    static func schematicGuangxi() throws -> String {
        let codes = ["450100", "450200", "450300", "450400", "450500", "450600", "450800", "450900", "451000", "451100", "451200", "451300", "451400"]
        let features = codes.enumerated().map { i, code in
            let lon = 105.0 + Double(i % 5), lat = 25.0 - Double(i / 5)
            return "{\"type\":\"Feature\",\"properties\":{\"adcode\":\(code)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[\(lon),\(lat)],[\(lon + 0.95),\(lat)],[\(lon + 0.95),\(lat + 0.95)],[\(lon),\(lat + 0.95)],[\(lon),\(lat)]]]}}"
        }
        return Fixtures.file("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}", name: "guangxi-schematic.geojson")
    }

    @Test func citiesAreDrawnOnTheUsersMap() throws {
        var c = ReportConfiguration(inputs: RunnerTests.inputs(), out: Fixtures.tempDir())
        c.formats = [.csv, .html]
        c.map = try RegionMap.load(path: try Self.schematicGuangxi())
        #expect(Runner.report(c).exitCode == 0)
        let html = try String(contentsOfFile: "\(c.out)/index.html", encoding: .utf8)
        // 13 outlines, each a keyboard-reachable mark shaded by its band; the tile grid gone.
        let marks = html.matches(of: /<g class="mark" tabindex="0"><title>([^<]*)<\/title><path class="tile s[0-4]"/)
        #expect(marks.count == 13)
        #expect(!html.contains("rx=\"4\"/><text class=\"tile-label\""))
        // The rate on 南宁市's outline is the table's.
        let row = try #require(try FocusRegionTests.rows("\(c.out)/tables/pass_rate_by_region.csv").first { $0["year"] == "2020" && $0["region_code"] == "450100" })
        let rate = NumberText.percent(Double(row["pass_rate"]!)!, digits: 1)
        #expect(marks.contains { $0.1.hasPrefix("南宁市 \(rate) (") })
        // The city without an outline is named under the map.
        #expect(html.contains("地图中没有：钦州市"))
        #expect(html.contains(ReportStrings.mapCaption(.zh)))
    }

    @Test func aBadMapIsAUsageErrorBeforeAnythingIsWritten() throws {
        try #require(QIndexBinary.exists, "build the qindex product first (swift build)")
        let sample = Fixtures.path("datasets/sample/sampling-2011-2020.csv.gz")
        let dir = Fixtures.tempDir()
        let r = try QIndexBinary.run(["report", sample, "--map", Fixtures.file("code,name\n", name: "map.csv"), "--out", "\(dir)/out", "--no-cache", "--no-db"])
        #expect(r.status == 64 && r.err.contains("--map") && r.err.contains("not a GeoJSON or SVG map"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
