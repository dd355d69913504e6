import Testing
@testable import QualityIndicators

/// Issue 32 item 5: empirical-Bayes intervals that carry the fitted prior's
/// uncertainty (Kass & Steffey 1989), against scipy written out
/// (scripts/reference/eb_kass_steffey.py: the prior fitted by scipy.optimize
/// on scipy.stats.betabinom, the information a numerical Hessian, scipy 1.17.1;
/// output pasted below); never narrower than the pooled rate's Wilson
/// interval; and nothing shrunk or ranked where the units do not differ.
@Suite struct EmpiricalBayesIntervalTests {
    static let units: [(x: Int, n: Int)] = [(88, 100), (45, 50), (190, 200), (70, 90), (29, 30), (120, 150), (9, 12), (300, 320), (55, 70), (18, 20)]
    static let alpha0 = 24.19816816717554, beta0 = 3.6287166108655944
    static let reference: [(Int, Int, Double, Double, Double)] = [
        (88, 100, 0.8777352930253809, 0.8148611729947649, 0.9291001770275599),
        (45, 50, 0.8891293588908985, 0.8086300214262474, 0.9497135255206947),
        (190, 200, 0.9401795068034079, 0.9039541164403868, 0.9683037048673925),
        (70, 90, 0.7994624346100918, 0.7178729949917722, 0.8701919560823226),
        (29, 30, 0.9199556291397651, 0.829154463297186, 0.9780860952855299),
        (120, 150, 0.8108907061334395, 0.7481518046563062, 0.866549242151154),
        (9, 12, 0.8335617599064542, 0.6910712505930307, 0.9379744886034127),
        (300, 320, 0.932067595562822, 0.9026008784889317, 0.9565904779403092),
        (55, 70, 0.8095746721043793, 0.720930861136357, 0.8846774142997089),
        (18, 20, 0.8823106159435682, 0.7733132764953597, 0.9587051331547488),
    ]

    @Test func intervalsEqualKassSteffeyWrittenOutInScipy() throws {
        let prior = try #require(EmpiricalBayes.fit(Self.units))
        #expect(abs(prior.alpha - Self.alpha0) / Self.alpha0 < 1e-5 && abs(prior.beta - Self.beta0) / Self.beta0 < 1e-5, "\(prior)")
        let s = EmpiricalBayes.shrink(Self.units)
        #expect(!s.noDetectableDifferences)
        for (u, ref) in zip(s.units, Self.reference) {
            let u = try #require(u)
            // The two fits agree to about 1e-6 and the Hessians to about 1e-5: the bounds to 1e-5.
            #expect(abs(u.rate - ref.2) < 1e-6 && abs(u.low - ref.3) < 1e-5 && abs(u.high - ref.4) < 1e-5, "\(ref.0)/\(ref.1): \(u) vs \(ref)")
            // Wider than the plain posterior at the fitted prior (the prior's uncertainty is added) …
            let plain = BetaPrior(alpha: prior.alpha, beta: prior.beta).shrink(successes: ref.0, trials: ref.1)
            #expect(u.high - u.low > plain.high - plain.low)
        }
    }

    /// Many units at one rate with a little noise each: a unit of 5,000 would
    /// get an interval narrower than the pooled rate's; it gets the pooled width.
    @Test func neverNarrowerThanThePooledRate() throws {
        let units: [(x: Int, n: Int)] = [(4600, 5000), (80, 100), (95, 100), (85, 100), (460, 500), (88, 100)]
        let s = EmpiricalBayes.shrink(units)
        let x = units.reduce(0) { $0 + $1.x }, n = units.reduce(0) { $0 + $1.n }
        let pooled = try #require(Statistics.wilson(successes: x, trials: n))
        for u in s.units { let u = try #require(u); #expect(u.high - u.low >= pooled.high - pooled.low - 1e-12) }
    }

    /// Units that vary no more than binomial noise (Tarone's score ≤ 0): the
    /// prior is infinitely strong — every unit would be the pooled rate to
    /// within thousandths of a point (Beijing's 6 of 8 at 90.8177%). Nothing is
    /// shrunk, and the group says "no detectable differences".
    @Test func noBetweenUnitVariationShrinksNothing() {
        let units: [(x: Int, n: Int)] = [(90, 100), (91, 100), (89, 100), (6, 8), (450, 500)]
        #expect(EmpiricalBayes.taroneScoreSign(units) <= 0)
        let s = EmpiricalBayes.shrink(units)
        #expect(s.noDetectableDifferences && s.units.allSatisfy { $0 == nil })
        // Fewer than three units: no prior, and no claim either way.
        let two = EmpiricalBayes.shrink([(90, 100), (50, 100)])
        #expect(!two.noDetectableDifferences && two.units.allSatisfy { $0 == nil })
    }
}
