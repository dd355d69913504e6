import QualityData
import Testing
@testable import QualityIndicators

/// The group-by kernel (GroupBy.sum) against the sums written out one batch
/// at a time, over more batches than one of its blocks holds, with batches
/// in no group and batches that add nothing.
@Suite struct GroupedCountsTests {
    @Test(arguments: [1, 4095, 4096, 4097, 10_001])
    func sumsEqualTheSumsWrittenOutBatchByBatch(batches n: Int) {
        var random = SeededRandom(seed: UInt64(n))
        var t = SamplingTable(regions: .bundled)
        t.year = (0..<n).map { _ in Int16(2018 + Int(random.next() % 3)) }
        t.outcome = [UInt8](repeating: 0, count: n)
        let first = (0..<n).map { _ in Int(random.next() % 4) == 0 ? 1 : 0 }  // mostly 0
        let second = (0..<n).map { _ in Int(random.next() % 3) }
        let groupA = (0..<n).map { _ in Int(random.next() % 6) - 1 }  // −1: in no group
        let groupB = (0..<n).map { _ in Int(random.next() % 2) }
        let groupings = [
            Grouping(scope: "a", kind: .all, groupCount: 5, group: { groupA[$0] }, label: { ("\($0)", "") }, order: Array(0..<5)),
            Grouping(scope: "b", kind: .all, groupCount: 2, group: { groupB[$0] }, label: { ("\($0)", "") }, order: [0, 1]),
            .all,
        ]
        let sums = GroupBy.sum(t, counts: [{ first[$0] }, { second[$0] }], by: groupings)
        let minYear = Int(t.year.min()!), years = Int(t.year.max()!) - minYear + 1
        for (g, grouping) in groupings.enumerated() {
            var expected = [[Int]](repeating: [Int](repeating: 0, count: years * grouping.groupCount), count: 2)
            for b in 0..<n {
                let group = grouping.group(b)
                guard group >= 0 else { continue }
                let cell = (Int(t.year[b]) - minYear) * grouping.groupCount + group
                expected[0][cell] += first[b]
                expected[1][cell] += second[b]
            }
            #expect(sums[g].sums == expected, "grouping \(grouping.scope)")
            #expect(sums[g].minYear == minYear && sums[g].yearCount == years)
        }
    }
}
