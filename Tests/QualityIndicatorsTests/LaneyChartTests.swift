import Testing
@testable import QualityIndicators

/// Laney's p′ chart against values written out from Laney (2002) in numpy
/// and scipy (`scripts/reference/laney.py`; scipy 1.17.1, numpy 2.4.6).
@Suite struct LaneyChartTests {
    static let bigN = [24_812, 25_377, 25_090, 24_655, 25_911, 25_204, 24_980, 25_466]
    static let bigX = [22_931, 23_587, 23_102, 22_880, 24_150, 23_260, 23_176, 23_720]
    static let smallN = [40, 52, 47, 38, 55, 61, 44, 49]
    static let smallX = [37, 48, 43, 35, 51, 56, 41, 45]
    static func periods(_ x: [Int], _ n: [Int]) -> [(x: Int, n: Int)] { zip(x, n).map { ($0, $1) } }

    static let bigLimits = [(0.9105940992613722, 0.9436057568144608), (0.9107788785345905, 0.9434209775412425), (0.9106857971871463, 0.9435140588886868),
                            (0.9105416291184383, 0.9436582269573948), (0.9109479344054945, 0.9432519216703386), (0.9107229605665776, 0.9434768955092554),
                            (0.9106496968857446, 0.9435501591900884), (0.9108074233543905, 0.9433924327214426)]
    static let smallLimits = [(0.8974811481992347, 0.9470784372929931), (0.900529942678329, 0.9440296428138989), (0.8994022692348026, 0.9451573162574253),
                              (0.8968369202799613, 0.9477226652122666), (0.9011314376179428, 0.9434281478742851), (0.9021984373715307, 0.9423611481206972),
                              (0.8986352129066655, 0.9459243725855624), (0.8998740214166704, 0.9446855640755575)]

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func sigmaZAndTheHomogeneityTestAsWrittenOut() throws {
        let big = try #require(PChart.overdispersion(Self.periods(Self.bigX, Self.bigN)))
        #expect(Self.close(big.sigmaZ, 3.3336478021387905) && Self.close(big.chiSquare, 43.68393957658851))
        #expect(abs(big.p / 2.4603154074186043e-07 - 1) <= 1e-9)
        #expect(big.degreesOfFreedom == 7 && big.warrantsLaney)
        let small = try #require(PChart.overdispersion(Self.periods(Self.smallX, Self.smallN)))
        #expect(Self.close(small.sigmaZ, 0.19527127544018194) && Self.close(small.chiSquare, 0.14195008695878375))
        #expect(!small.warrantsLaney)
    }

    /// Under `auto`, 25,000 batches a quarter moving by a point or two get
    /// p′ limits (as written out) and few signals; the binomial p-chart
    /// flags most quarters.
    @Test func largeQuartersGetLaneyLimits() {
        let periods = Self.periods(Self.bigX, Self.bigN)
        let laney = PChart.compute(periods, method: .auto).compactMap { $0 }
        for (p, ref) in zip(laney, Self.bigLimits) {
            #expect(Self.close(p.lower, ref.0) && Self.close(p.upper, ref.1))
            #expect(p.laney && Self.close(p.centre, 0.9270999280379165))
        }
        let plain = PChart.compute(periods, method: .p).compactMap { $0 }
        #expect(plain.allSatisfy { !$0.laney && $0.sigmaZ == 1 })
        #expect(plain.filter(\.beyondLimits).count > laney.filter(\.beyondLimits).count)
        #expect(laney.filter(\.beyondLimits).isEmpty)
    }

    @Test func smallQuartersKeepThePChartUnlessLaneyIsAskedFor() {
        let periods = Self.periods(Self.smallX, Self.smallN)
        #expect(PChart.compute(periods, method: .auto).compactMap { $0 }.allSatisfy { !$0.laney })
        let forced = PChart.compute(periods, method: .laney).compactMap { $0 }
        for (p, ref) in zip(forced, Self.smallLimits) { #expect(p.laney && Self.close(p.lower, ref.0) && Self.close(p.upper, ref.1)) }
    }

    /// Issue 32 item 7: σ_z needs two periods with batches and a p̄ strictly
    /// between 0 and 1. One period, or every batch passing, under `--chart
    /// laney` is the p-chart and says so — it printed σ_z 1.0000 as "laney".
    @Test func withoutASpreadToMeasureLaneyIsThePChart() {
        let one = PChart.compute([(x: 950, n: 1000)], method: .laney).compactMap { $0 }
        #expect(one.count == 1 && !one[0].laney && one[0].sigmaZ == 1)
        let allPass = PChart.compute([(x: 100, n: 100), (x: 200, n: 200)], method: .laney).compactMap { $0 }
        #expect(allPass.count == 2 && allPass.allSatisfy { !$0.laney })
        let two = PChart.compute([(x: 950, n: 1000), (x: 900, n: 1000)], method: .laney).compactMap { $0 }
        #expect(two.allSatisfy { $0.laney })  // measurable: forced p′
    }
}
