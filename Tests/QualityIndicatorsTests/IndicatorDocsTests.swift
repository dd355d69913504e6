import Foundation
import Testing
import _QualityTestSupport
@testable import QualityIndicators

@Suite struct IndicatorDocsTests {
    @Test func docsAreGeneratedFromTheRegistry() throws {
        let path = Fixtures.path("docs/indicators.md")
        let generated = IndicatorDocs.markdown()
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == generated, "regenerate docs/indicators.md")
    }
}
