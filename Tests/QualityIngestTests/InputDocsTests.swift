import Foundation
import Testing
import _QualityTestSupport
@testable import QualityIngest

/// docs/inputs.md is what users read instead of the code: every canonical
/// column and every header alias the loaders accept must be listed there.
@Suite struct InputDocsTests {
    @Test func everyColumnAndAliasIsDocumented() throws {
        let doc = try String(contentsOfFile: Fixtures.path("docs/inputs.md"), encoding: .utf8)
        var missing: [String] = []
        for (header, column) in Mapping.builtIn.headers {
            if !doc.contains("`\(column.rawValue)`") { missing.append(column.rawValue) }
            if header != column.rawValue && !doc.contains(header) { missing.append(header) }
        }
        for schema in [RecordIngest.inspectionSchema, RecordIngest.statisticsSchema, RecordIngest.registerSchema] {
            for (header, column) in schema.aliases {
                if !doc.contains("`\(column)`") { missing.append("\(schema.kind).\(column)") }
                if header != column && !doc.contains(header) { missing.append("\(schema.kind): \(header)") }
            }
        }
        #expect(missing.isEmpty, "not in docs/inputs.md: \(Set(missing).sorted())")
        // The excluded outcomes, by their canonical ids.
        for o in ["refused", "unlicensed", "untested", "revoked", "excluded"] { #expect(doc.contains("`\(o)`")) }
    }
}
