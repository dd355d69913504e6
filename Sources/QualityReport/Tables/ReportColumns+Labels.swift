import QualityData
import QualityIndicators

/// Column headers for people (the workbook's header row), declared once
/// beside the kinds: the report language's label, with the unit where the
/// kind has one (`（%）` for a proportion, shown as a percentage). The CSV
/// files keep the machine names; the workbook's notes sheet lists both.
extension ReportColumns {
    static let labels: [String: Bilingual] = [
        // Codes and text
        "region_code": Bilingual("地区代码", "Region code"), "parent_code": Bilingual("上级地区代码", "Parent region code"),
        "product_code": Bilingual("产品代码", "Product code"), "enterprise": Bilingual("企业", "Enterprise"),
        "testing_agency": Bilingual("承检机构", "Testing agency"), "target_id": Bilingual("目标编号", "Target id"), "key": Bilingual("分组", "Group"),
        "item": Bilingual("不合格项目", "Failing item"), "period": Bilingual("期间", "Period"), "region_name": Bilingual("地区", "Region"),
        "product_name": Bilingual("产品", "Product"), "region_level": Bilingual("地区层级", "Region level"), "level": Bilingual("抽查级别", "Sampling level"),
        "channel": Bilingual("抽样环节", "Channel"), "enterprise_size": Bilingual("企业规模", "Enterprise size"), "file": Bilingual("文件", "File"),
        "kind": Bilingual("类型", "Kind"), "status": Bilingual("状态", "Status"), "encoding": Bilingual("编码", "Encoding"),
        "separator": Bilingual("分隔符", "Separator"), "mapping": Bilingual("列映射", "Mapping"), "ignored_headers": Bilingual("未使用的列", "Ignored headers"),
        "column": Bilingual("列", "Column"), "value": Bilingual("值", "Value"), "reason": Bilingual("原因代码", "Reason"),
        "reason_text": Bilingual("原因", "Reason (text)"), "detail": Bilingual("详情", "Detail"), "title_zh": Bilingual("名称（中文）", "Title (Chinese)"),
        "title_en": Bilingual("名称（英文）", "Title (English)"), "indicator": Bilingual("指标", "Indicator"), "direction": Bilingual("方向", "Direction"),
        "eurostat_category": Bilingual("Eurostat 评估", "Eurostat assessment"), "band_zh": Bilingual("等级", "Band (Chinese)"),
        "band_en": Bilingual("等级（英文）", "Band"), "step": Bilingual("步骤", "Step"), "unit": Bilingual("单位", "Unit"), "scope": Bilingual("范围", "Scope"),
        "inspection_type": Bilingual("检查类型", "Inspection type"), "risk_class": Bilingual("风险等级", "Risk class"),
        "funnel_flag": Bilingual("漏斗图位置", "Funnel position"), "funnel_limits": Bilingual("漏斗图控制限", "Funnel limits"),
        "signal": Bilingual("信号", "Signal"), "chart": Bilingual("控制图", "Chart"), "first_date": Bilingual("最早日期", "First date"),
        "last_date": Bilingual("最晚日期", "Last date"), "first_failure": Bilingual("首次不合格日期", "First failure"),
        "last_failure": Bilingual("最近不合格日期", "Last failure"), "name": Bilingual("名称", "Name"),
        "normalised_values": Bilingual("规范化的取值（全角转半角等）", "Values normalised (full-width to ASCII …)"), "finding": Bilingual("发现", "Finding"),
        "value_from_run": Bilingual("取值来自运行", "Value from run"), "baseline_from_run": Bilingual("基线来自运行", "Baseline from run"),
        // Counts
        "batches_sampled": Bilingual("抽查批次", "Batches sampled"), "batches_tested": Bilingual("检验批次", "Batches tested"),
        "passed": Bilingual("合格批次", "Passed"), "failed": Bilingual("不合格批次", "Failed"), "excluded": Bilingual("不计入批次", "Excluded"),
        "enterprises_tested": Bilingual("受检企业", "Enterprises tested"), "enterprises_passed": Bilingual("合格企业", "Enterprises passed"),
        "enterprises_failed": Bilingual("不合格企业", "Enterprises failed"),
        "enterprises_resampled_12m": Bilingual("12 个月内再次抽查的企业", "Enterprises re-sampled within 12 months"),
        "failures": Bilingual("不合格次数", "Failures"), "longest_failure_run": Bilingual("最长连续不合格", "Longest failure run"),
        "failed_batches": Bilingual("不合格批次", "Failed batches"), "failed_products": Bilingual("不合格产品", "Failed products"),
        "follow_up_batches_tested": Bilingual("跟踪抽查批次", "Follow-up batches tested"), "follow_up_passed": Bilingual("跟踪抽查合格批次", "Follow-up passed"),
        "rows_read": Bilingual("读取行数", "Rows read"), "loaded": Bilingual("载入", "Loaded"), "merged": Bilingual("合并", "Merged"),
        "duplicates": Bilingual("重复", "Duplicates"), "rejected": Bilingual("拒收", "Rejected"), "empty_lines": Bilingual("空行", "Empty lines"),
        "invalid_credit_codes": Bilingual("无效信用代码", "Invalid credit codes"), "unresolved_region_names": Bilingual("无法识别的地区名称", "Unresolved region names"),
        "line": Bilingual("行号", "Line"), "numerator": Bilingual("分子", "Numerator"), "denominator": Bilingual("分母", "Denominator"),
        "inspections": Bilingual("检查次数", "Inspections"), "enterprises_inspected": Bilingual("受检企业", "Enterprises inspected"),
        "hazards_found": Bilingual("发现隐患", "Hazards found"), "hazards_rectified": Bilingual("已整改隐患", "Hazards rectified"),
        "counties": Bilingual("县（区）数", "Counties"), "counties_inspected": Bilingual("已检查县（区）", "Counties inspected"),
        "townships_known": Bilingual("乡镇数", "Townships"), "townships_inspected": Bilingual("已检查乡镇", "Townships inspected"),
        "licensed_enterprises": Bilingual("获证企业", "Licensed enterprises"), "licensed_inspected": Bilingual("已检查获证企业", "Licensed enterprises inspected"),
        "rank": Bilingual("排名", "Rank"), "rank_change": Bilingual("排名变化", "Rank change"), "rank_low": Bilingual("排名区间下限", "Rank interval low"),
        "rank_high": Bilingual("排名区间上限", "Rank interval high"),
        // Years
        "year": Bilingual("年度", "Year"), "baseline_year": Bilingual("基线年度", "Baseline year"), "target_year": Bilingual("目标年度", "Target year"),
        "projected_year": Bilingual("预计达成年份", "Projected year"),
        // Proportions (shown as percentages)
        "pass_rate": Bilingual("批次合格率", "Batch pass rate"), "ci_low": Bilingual("95% 置信区间下限", "95% CI low"),
        "ci_high": Bilingual("95% 置信区间上限", "95% CI high"),
        "deff": Bilingual("设计效应（企业聚类）", "Design effect (enterprises)"), "effective_batches": Bilingual("有效批次数", "Effective batches"), "eb_rate": Bilingual("收缩合格率（EB）", "Shrunken rate (EB)"),
        "eb_ci_low": Bilingual("EB 区间下限", "EB interval low"), "eb_ci_high": Bilingual("EB 区间上限", "EB interval high"),
        "enterprise_pass_rate": Bilingual("企业合格率", "Enterprise pass rate"), "enterprise_ci_low": Bilingual("企业合格率区间下限", "Enterprise CI low"),
        "enterprise_ci_high": Bilingual("企业合格率区间上限", "Enterprise CI high"), "follow_up_pass_rate": Bilingual("跟踪抽查合格率", "Follow-up pass rate"),
        "resampled_share": Bilingual("再次抽查比例", "Share re-sampled"), "share": Bilingual("占比", "Share"), "centre": Bilingual("中心线", "Centre line"),
        "lcl": Bilingual("控制下限", "Lower control limit"), "ucl": Bilingual("控制上限", "Upper control limit"),
        "rectification_rate": Bilingual("隐患整改率", "Rectification rate"), "county_coverage": Bilingual("县（区）覆盖率", "County coverage"),
        "township_coverage": Bilingual("乡镇覆盖率", "Township coverage"), "enterprise_coverage": Bilingual("企业覆盖率", "Enterprise coverage"),
        "progress": Bilingual("进度", "Progress"), "expected_progress": Bilingual("时间进度", "Time elapsed"),
        // Other numbers
        "change_pp": Bilingual("较上年（百分点）", "Change on previous year (pp)"), "change_p_value": Bilingual("较上年 p 值", "Change p-value"),
        "change_q_value": Bilingual("较上年 q 值（BH）", "Change q-value (BH)"), "q_value": Bilingual("q 值（BH 错误发现率）", "q-value (BH false discovery rate)"),
        "diff_pp_vs_parent": Bilingual("与上级差值（百分点）", "Difference from parent (pp)"),
        "diff_pp_vs_all": Bilingual("与全部地区差值（百分点）", "Difference from all regions (pp)"), "p_value": Bilingual("p 值", "p-value"),
        "expected_failures": Bilingual("预期不合格批次", "Expected failures"), "failure_ratio": Bilingual("标准化不合格比", "Standardised failure ratio"),
        "eurostat_ratio": Bilingual("Eurostat 比值", "Eurostat ratio"), "baseline_value": Bilingual("基线值", "Baseline value"),
        "target_value": Bilingual("目标值", "Target value"), "milestone": Bilingual("阶段目标值", "Milestone"), "score": Bilingual("得分", "Score"),
        "rank_median": Bilingual("排名中位数", "Median rank"), "diff_vs_parent": Bilingual("与上级差值", "Difference from parent"),
        "sigma_z": Bilingual("σz（过度离散）", "σz (overdispersion)"),
        // Re-tests' shares (Retests.indicator; its counts' labels are declared there)
        "request_rate": Bilingual("复检申请率", "Re-test request rate"),
        "request_ci_low": Bilingual("复检申请率区间下限", "Request rate CI low"), "request_ci_high": Bilingual("复检申请率区间上限", "Request rate CI high"),
        "overturned_share": Bilingual("复检改判率", "Share overturned"), "overturned_ci_low": Bilingual("改判率区间下限", "Overturned CI low"),
        "overturned_ci_high": Bilingual("改判率区间上限", "Overturned CI high"),
        // Flags
        "accounting_closes": Bilingual("核算闭合", "Accounting closes"), "gzip": Bilingual("gzip 压缩", "Gzip"), "on_track": Bilingual("按期", "On track"),
        "consecutive": Bilingual("连续", "Consecutive"), "window_complete": Bilingual("窗口完整", "Window complete"),
        "beyond_limits": Bilingual("超出控制限", "Beyond limits"), "run_rule": Bilingual("连续同侧", "Run rule"),
        "two_of_three": Bilingual("三点中两点超 2σ", "2 of 3 beyond 2σ"), "after_target_year": Bilingual("目标年之后", "After the target year"),
    ]

    /// The grouped indicators' count columns, labelled where they are declared.
    static let groupedLabels: [String: Bilingual] = {
        var l: [String: Bilingual] = [:]
        for g in GroupedIndicator.registry { for (c, label) in zip(g.countColumns, g.countLabels) where l[c] == nil { l[c] = label } }
        return l
    }()

    static let familyLabels: [(prefix: String, label: Bilingual)] = [
        ("rejected_", Bilingual("拒收：", "Rejected: ")), ("outcome_", Bilingual("检查结果：", "Outcome: ")),
        ("group_", Bilingual("分组得分：", "Group score: ")), ("norm_", Bilingual("标准化值：", "Normalised: ")), ("raw_", Bilingual("原始值：", "Raw: ")),
    ]

    /// The header a person reads for column `name` of kind `kind`: its
    /// label in `lang` with the unit of a percentage; the name itself when
    /// it has no label (`ReportOutputTests.everyColumnHasADeclaredKind` checks every column of a run has one).
    public static func header(_ name: String, kind: ColumnKind, lang: Language) -> String {
        let base = labels[name]?(lang) ?? groupedLabels[name]?(lang) ?? SamplingColumn(rawValue: name)?.spec.label(lang) ?? familyLabels.first { name.hasPrefix($0.prefix) }.map { f in
            let id = String(name.dropFirst(f.prefix.count))
            return f.label(lang) + (familyValue(f.prefix, id)?(lang) ?? id)
        } ?? name
        return kind == .proportion ? base + (lang == .zh ? "（%）" : " (%)") : base
    }

    /// Whether a column name has a label (directly or by its family).
    public static func hasLabel(_ name: String) -> Bool {
        labels[name] != nil || groupedLabels[name] != nil || SamplingColumn(rawValue: name) != nil || familyLabels.contains { name.hasPrefix($0.prefix) }
    }
}

/// Enumerated values for people: what an id in a column reads as in the
/// report's language (the workbook writes these; the CSV files keep the ids,
/// the notes sheet's columns list says so). Declared once beside the labels.
extension ReportColumns {
    static let yesNo: [String: Bilingual] = ["yes": Bilingual("是", "yes"), "no": Bilingual("否", "no")]

    static let valueLabelTable: [String: [String: Bilingual]] = {
        var v: [String: [String: Bilingual]] = [:]
        let S = ReportStrings.self
        v["status"] = Dictionary(uniqueKeysWithValues: TargetStatus.allCases.map { ($0.rawValue, S.status($0)) })
        v["eurostat_category"] = Dictionary(uniqueKeysWithValues: EurostatCategory.allCases.map { ($0.rawValue, S.eurostatCategory($0)) })
        v["funnel_flag"] = Dictionary(uniqueKeysWithValues: FunnelFlag.allCases.map { ($0.rawValue, S.funnelFlag($0)) })
        for c in [SamplingColumn.level, .channel, .enterpriseSize] {
            v[c.rawValue] = Dictionary(uniqueKeysWithValues: c.ids.map { ($0, S.value($0)) })
        }
        v["region_level"] = ["national": Bilingual("全部", "all"), "province": Bilingual("省级", "province"), "city": Bilingual("地市级", "city"),
                             "county": Bilingual("县级", "county"), "other": Bilingual("其他", "other")]
        v["kind"] = ["sampling": S.kindName("sampling"), "inspections": S.kindName("inspections"),
                     "regional_statistics": S.kindName("regional_statistics"), "register": S.kindName("register"),
                     "finding": Bilingual("发现", "finding")]
        v["inspection_type"] = Dictionary(uniqueKeysWithValues: InspectionType.allCases.map { ($0.id, S.inspectionType($0.id)) })
        v["signal"] = yesNo
        v["scope"] = ["all": Bilingual("全部", "all"), "province": Bilingual("省", "province"), "region": Bilingual("地区（各级）", "region (every level)"),
                      "product": Bilingual("产品", "product"),
                      "agency": Bilingual("承检机构", "agency"), "item": Bilingual("项目", "item"),
                      "all_products": Bilingual("全部产品", "all products")]
        v["funnel_limits"] = ["exact_binomial": Bilingual("精确二项分布限", "exact binomial"), "exact_poisson": Bilingual("精确泊松分布限", "exact Poisson"),
                              "overdispersed_multiplicative": Bilingual("过度离散（乘法调整）", "overdispersed, multiplicative"),
                              "overdispersed_additive": Bilingual("过度离散（随机效应）", "overdispersed, additive")]
        v["indicator"] = Dictionary(IndicatorRegistry.all.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // rejects.csv's column: the canonical column's label.
        v["column"] = Dictionary(uniqueKeysWithValues: SamplingColumn.allCases.map { ($0.rawValue, $0.spec.label) })
        return v
    }()

    /// Each id of column `name` (of kind `kind`) and what it reads as in
    /// `lang`; nil for a column that holds no enumerated values.
    public static func valueLabels(_ name: String, kind: ColumnKind, lang: Language) -> [String: String]? {
        let table = kind == .flag ? yesNo : valueLabelTable[name]
        return table?.mapValues { $0(lang) }
    }

    /// The enumerated value a family column is about, as people read it
    /// (`outcome_compliant` → 合格, `rejected_future_date` → its reason).
    static func familyValue(_ prefix: String, _ id: String) -> Bilingual? {
        switch prefix {
        case "outcome_": return InspectionOutcome.allCases.first { $0.id == id }.map { ReportStrings.inspectionOutcome($0.id) }
        case "rejected_": return RejectReason(rawValue: id).map(IngestMessages.reasonShort)
        default: return nil
        }
    }
}
