import Testing
@testable import QualityData

/// The schema drives parsing, the builder and snapshots: its invariants.
@Suite struct SamplingSchemaTests {
    @Test func ordinalIsTheDeclarationIndex() {
        for (i, c) in SamplingColumn.allCases.enumerated() {
            #expect(c.ordinal == i)
            #expect(SamplingSchema.columns[i].column == c)
        }
    }

    @Test func storedValuesFitTheRow() {
        let row = BatchRow()
        #expect(SamplingSchema.byteCount <= row.bytes.count)
        #expect(SamplingSchema.codeCount <= row.codes.count)
        #expect(SamplingSchema.intCount <= row.ints.count)
        // Slots within a kind are 0, 1, 2 … in schema order.
        var seen: [String: [Int]] = [:]
        for s in SamplingSchema.stored {
            let kind: String
            switch s.storage! {
            case .byte: kind = "byte"
            case .code: kind = "code"
            case .day, .region: kind = "int"
            case .year: kind = "year"
            }
            seen[kind, default: []].append(s.slot)
        }
        for (_, slots) in seen { #expect(slots == Array(0..<slots.count)) }
    }

    @Test func everyEnumValueHasADistinctIdAndCode() {
        for s in SamplingSchema.columns where !s.values.isEmpty {
            #expect(Set(s.values.map(\.id)).count == s.values.count)
            #expect(Set(s.values.map(\.code)).count == s.values.count)
            #expect(!s.values.contains { $0.code == missingEnumCode })
        }
    }

    @Test func aRowWritesAndReadsItsSlots() {
        var r = BatchRow()
        r[byte: .channel] = SalesChannel.ecommerce.rawValue
        r[code: .testingAgency] = 7
        r[int: .retestDate] = 18000
        r[byte: .result] = SamplingOutcome.fail.rawValue
        #expect(r[byte: .channel] == 2 && r[code: .testingAgency] == 7 && r[int: .retestDate] == 18000)
        #expect(r[byte: .result] == SamplingOutcome.fail.rawValue && r[byte: .level] == missingEnumCode)
        #expect(r[int: .sampleDate] == missingDay && r.year == 0)
    }
}
