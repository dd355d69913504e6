import QualityData
import QualityIndicators

/// Dashboard (issue 8): the labels and sentences of that part of the report, zh and en.
extension ReportStrings {

    public static let chartTab = Bilingual("图", "Chart")
    // --map
    public static func mapUnreadable(_ p: String) -> Bilingual { Bilingual("\(p)：地图文件无法读取", "\(p): cannot read the map file") }
    public static func mapTooLarge(_ p: String, mib: Int) -> Bilingual {
        Bilingual("\(p)：地图文件超过 \(mib) MiB（其边界会写入页面），请先简化边界", "\(p): the map file is over \(mib) MiB (its outlines go into the page); simplify the boundaries first")
    }
    public static func mapNotAMap(_ p: String) -> Bilingual {
        Bilingual("\(p)：不是 GeoJSON 或 SVG 地图", "\(p): not a GeoJSON or SVG map")
    }
    public static func mapNoViewBox(_ p: String) -> Bilingual {
        Bilingual("\(p)：SVG 地图缺少 viewBox（四个数）", "\(p): the SVG map has no viewBox (four numbers)")
    }
    public static func mapNoRegions(_ p: String) -> Bilingual {
        Bilingual("\(p)：地图中没有带六位区划代码的边界（GeoJSON 属性 region_code、code、adcode 或 gb；SVG 中 path 的 id 或 data-code）",
                  "\(p): no outline with a six-digit region code (GeoJSON property region_code, code, adcode or gb; an SVG path's id or data-code)")
    }
    public static func mapBadCoordinates(_ p: String, code: String) -> Bilingual {
        Bilingual("\(p)：区划 \(code) 的坐标不是经纬度（经度须在 ±180、纬度在 ±90 之内）",
                  "\(p): region \(code) has coordinates that are not longitude and latitude (within ±180 and ±90)")
    }
    public static func mapBadViewBox(_ p: String) -> Bilingual {
        Bilingual("\(p)：SVG 地图的 viewBox 不可用（宽高须为正的有限数，且长宽比不超过 100:1）",
                  "\(p): the SVG map's viewBox cannot be drawn (width and height finite and positive, at most 100 times one another)")
    }
    public static func mapBadPath(_ p: String, code: String) -> Bilingual {
        Bilingual("\(p)：区划 \(code) 的路径数据含有路径命令和数字以外的内容", "\(p): the path of region \(code) holds more than path commands and numbers")
    }
    public static func mapMissing(_ names: [String], more: Int) -> Bilingual {
        Bilingual("地图中没有：\(names.joined(separator: "、"))\(more > 0 ? "，另有 \(more) 个" : "")",
                  "Not on the map: \(names.joined(separator: ", "))\(more > 0 ? " and \(more) more" : "")")
    }
    public static let mapCaption = Bilingual("各地市批次合格率（地图由用户提供；色阶为固定合格率区间，见图例；悬停或用 Tab 键查看数值与 95% 置信区间）。",
                                             "Pass rate by city (map supplied by the user; shades are fixed rate bands, see the key; hover or Tab for the rate and its 95% interval).")
    public static let pickCity = Bilingual("选择地市：", "Choose a city:")
    public static let regionPageLink = Bilingual("地区页面 →", "Region page →")
    public static let cityTrendsCaption = Bilingual("各地市历年批次合格率（阴影为 95% 置信区间，纵轴各图相同；虚线为上级地区合格率）。",
                                                    "Each city's batch pass rate by year (shaded: 95% confidence interval; the same vertical axis in every panel; dashed: the parent region's rate).")
    public static let tableTab = Bilingual("数据表", "Table")
    public static let downloadTab = Bilingual("下载 CSV", "Download CSV")
    public static let regionPages = Bilingual("页面与文件", "Pages and files")
    public static let contents = Bilingual("目录", "Contents")
    public static let permalink = Bilingual("本节链接", "Link to this section")
    public static let workbookLink = Bilingual("全部表格（Excel 工作簿 tables.xlsx；在 Excel/WPS 中打开，代码保持为文本）", "Every table (Excel workbook tables.xlsx; codes stay text in Excel/WPS)")
    public static let markdownLink = Bilingual("报告全文（Markdown，report.md）", "The report as Markdown (report.md)")
    public static let csvLink = Bilingual("各表 CSV（tables/ 目录，供程序读取）", "Each table as CSV (tables/, for programs)")
    public static let rankIntervalCaption = Bilingual("指数排名：圆点为排名，横线为蒙特卡罗 5%–95% 排名区间（含权重、方法与抽样误差的不确定性），右侧为得分", "Index ranking: dot = rank, line = Monte Carlo 5–95% rank interval (weights, methods and sampling error), score at the right")
    public static let targetsOnTrack = Bilingual("规划目标", "Plan targets")
    public static func targetsCard(good: Int, bad: Int, noData: Int = 0) -> Bilingual {
        Bilingual("\(good) 项达成或按期 · \(bad) 项落后" + (noData > 0 ? " · \(noData) 项无数据" : ""),
                  "\(good) achieved or on track · \(bad) off track" + (noData > 0 ? " · \(noData) without data" : ""))
    }
    public static let notesMethods = Bilingual("方法与参考文献见 docs/methods.md；各表各列的含义见 docs/tables.md；每个数字均可由 tables/ 目录下的 CSV 复现。",
                                               "Methods and references: docs/methods.md; every column: docs/tables.md; every number can be reproduced from the CSV files in tables/.")

    /// Chinese sheet names (≤ 31 characters) for tables.xlsx.
    public static func sheetName(_ table: String) -> String {
        [
            "pass_rate_by_year": "按年度", "pass_rate_by_region": "按地区", "pass_rate_by_region_level": "地区×抽查级别",
            "pass_rate_by_product": "按产品", "pass_rate_by_level": "按抽查级别", "pass_rate_by_channel": "按抽样环节",
            "pass_rate_by_enterprise_size": "按企业规模", "pass_rate_by_agency": "按承检机构", "enterprise_summary": "企业合格率",
            "repeat_failures": "多次不合格企业", "follow_up": "跟踪抽查", "failed_items": "不合格项目", "control_chart": "控制图",
            "data_quality": "数据质量", "rejects": "拒收行", "targets": "规划目标", "index_scores": "质量竞争力指数", "index_audit": "指数审计",
            "inspections_by_region": "监督检查_地区", "inspections_by_type": "监督检查_类型", "inspections_by_risk": "监督检查_风险等级",
            "notes": "说明", "columns": "列名对照",
        ][table] ?? breakdownSheet(table) ?? table
    }

    /// A breakdown's sheet without a name above: 按 and its name (`pass_rate_by_sampling_agency` → 按抽样机构).
    static func breakdownSheet(_ table: String) -> String? {
        guard table.hasPrefix("pass_rate_by_"), let d = Dimension(rawValue: String(table.dropFirst("pass_rate_by_".count))) else { return nil }
        return "按" + d.name.zh
    }
    public static let trendCaption = Bilingual("批次合格率及其 95% 置信区间（阴影；越高越好）", "Batch pass rate with its 95% interval (shaded; higher is better)")
    public static let targetLine = Bilingual("目标", "target")
    public static let citiesRankedCaption = Bilingual("各地市合格率排序（横线为 95% 置信区间，竖线为全省合格率；▲▼ 表示超出漏斗图 99.8% 控制限）", "Cities ranked by pass rate (whiskers: 95% CI; vertical line: the province; ▲▼ beyond the 99.8% funnel limits)")
    public static let funnelCaption = Bilingual("漏斗图：合格率与检验批次（实线 99.8%、虚线 95% 控制限，✕ 为超出 99.8% 的地市）", "Funnel plot: pass rate against batches tested (solid: 99.8% limits, dashed: 95%; ✕ beyond 99.8%)")
    public static let tilesCaption = Bilingual("地市方块图（每个方块一个地市，颜色越深合格率越高，数值写在方块中；不是地图）", "City tiles (one square per city, darker = higher pass rate, the value written inside; not a map)")
    public static let pChartCaption = Bilingual("合格率 p 控制图（中心线与 3σ 控制限；✕ 为信号点）", "p-chart of the pass rate (centre line and 3σ limits; ✕ marks a signal)")
    /// Laney's p′ chart: say so, and by how much the limits were widened.
    public static func laneyCaption(sigmaZ: Double) -> Bilingual {
        let s = NumberText.fixed(sigmaZ, 2)
        return Bilingual("合格率 Laney p′ 控制图：各期之间的波动大于二项抽样误差，控制限按 σ_z = \(s) 放宽（Laney 2002）；中心线与 3σ 控制限，✕ 为信号点",
                         "Laney p′ chart of the pass rate: the periods vary more than binomial sampling allows, so the limits are widened by σ_z = \(s) (Laney 2002); centre line and 3σ limits, ✕ marks a signal")
    }
    public static let progressCaption = Bilingual("目标进度（条为进度，竖线为时间进度）", "Target progress (bar: progress; tick: time elapsed)")
    public static let batchesTestedAxis = Bilingual("检验批次（对数刻度）", "batches tested (log scale)")
    public static let rateAxis = Bilingual("合格率（%）", "Pass rate (%)")
    public static let tileNoData = Bilingual("无数据", "no data")
    public static let higherIsBetter = Bilingual("越高越好", "higher is better")
}
