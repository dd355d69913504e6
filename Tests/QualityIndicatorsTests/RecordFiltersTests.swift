import QualityData
import QualityIngest
import Testing
import _QualityTestSupport
@testable import QualityIndicators

/// The filtered sets of plan targets and index indicators (counts_filtered):
/// one id per filter however it is spelled, the indicator's own filter
/// joined with the query's, and which batches each accepts.
@Suite struct RecordFiltersTests {
    @Test func oneIdPerFilterWithItsSeparatorsEscaped() {
        let a = RecordFilter(["level": ["provincial", "national", "national"], "channel": ["ecommerce"]])
        let b = RecordFilter(["channel": ["ecommerce"], "level": ["national", "provincial"]])
        #expect(a == b && a.id == "channel=ecommerce;level=national,provincial")
        // A value holding a separator cannot pass for two values or two columns.
        #expect(RecordFilter(["product_code": ["a,b"]]).id == "product_code=a%2Cb")
        #expect(RecordFilter(["product_code": ["a", "b"]]).id == "product_code=a,b")
        #expect(RecordFilter(["product_code": ["x;level=y", "50%"]]).id == "product_code=50%25,x%3Blevel%3Dy")
        #expect(RecordFilter([:]).id == "" && RecordFilter([:]).isEmpty)
    }

    @Test func theIndicatorsOwnFilterJoinsTheQuerys() throws {
        // E-commerce pass rate: channel ecommerce, whatever else the query asks.
        var q = IndicatorQuery(indicator: "ecommerce_pass_rate", filters: ["level": ["provincial"]])
        #expect(RecordFilter(sampling: q)?.conditions == ["channel": ["ecommerce"], "level": ["provincial"]])
        q.filters = ["channel": ["production", "ecommerce"]]
        #expect(RecordFilter(sampling: q)?.conditions == ["channel": ["ecommerce"]])
        q.filters = ["channel": ["production"]]
        #expect(RecordFilter(sampling: q)?.conditions == ["channel": []], "nothing both accept: a filter of no batches, not of all")
        // Inspections and statistics are not counted from batches; unfiltered rates come from the tables by year and region.
        #expect(RecordFilter(sampling: IndicatorQuery(indicator: "hazard_rectification_rate")) == nil)
        #expect(RecordFilter(sampling: IndicatorQuery(indicator: "stat:brand_products_new")) == nil)
        let needed = RecordFilter.needed(by: [IndicatorQuery(indicator: "batch_pass_rate"), IndicatorQuery(indicator: "enterprise_pass_rate", filters: ["level": ["national"]]),
                                             IndicatorQuery(indicator: "batch_pass_rate", filters: ["level": ["national"]])])
        #expect(needed.map(\.id) == ["level=national"])
    }

    /// Which batches a filter accepts: an enum by id (a batch without a value
    /// is not accepted), product codes, industries by section or digits — the
    /// code `2611` read as `C2611`.
    @Test func acceptedBatches() throws {
        let text = "batch_id,sample_date,level,region_code,product_code,product_name,industry_code,result,enterprise_name\n"
            + ["B1,2019-03-01,provincial,450102,P1,x,C2611,pass,A", "B2,2019-03-01,national,450102,P2,x,2611,pass,B",
               "B3,2019-03-01,municipal,450102,P1,x,3831,fail,C", "B4,2019-03-01,county,450102,,x,,pass,D"].joined(separator: "\n") + "\n"
        let t = try Fixtures.load(Fixtures.file(text)).table
        func accepted(_ c: [String: [String]]) -> [String] {
            let ok = RecordFilter(c).accepts(t)
            var out: [String] = []
            for b in 0..<t.count where ok[b] {
                let product = t.product[b] == missingDictionaryCode ? "-" : t.products.string(t.product[b])
                out.append(product + "/" + String(t.level[b]))
            }
            return out.sorted()
        }
        let national = SamplingColumn.level.ids.firstIndex(of: "national")!, provincial = SamplingColumn.level.ids.firstIndex(of: "provincial")!
        #expect(accepted(["level": ["national", "provincial"]]) == ["P1/\(provincial)", "P2/\(national)"])
        #expect(accepted(["product_code": ["P1"]]).count == 2)
        #expect(accepted(["industry": ["26"]]).count == 2 && accepted(["industry": ["C26"]]).count == 2 && accepted(["industry": ["C"]]).count == 3)
        #expect(accepted(["industry": ["C38"]]).count == 1 && accepted(["industry": ["C26"], "product_code": ["P2"]]).count == 1)
        #expect(accepted(["level": []]).isEmpty)
        #expect(accepted(["enterprise_size": ["small", "large"]]).isEmpty, "no batch gives a size: none is accepted")
    }
}
