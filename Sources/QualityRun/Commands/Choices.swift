import QualityData
import QualityExport
import QualityIndicators
import QualityIngest
import QualityReport

/// The values options with a fixed set of choices take, named for the
/// command line: the executable parses them (`--help` lists them, shell
/// completion offers them) without importing the modules that own them.
public enum Choices {
    public typealias Language = QualityData.Language
    public typealias Interval = QualityIndicators.IntervalMethod
    public typealias FunnelAdjust = QualityIndicators.FunnelAdjustment
    public typealias Period = QualityIndicators.ChartPeriod
    public typealias Chart = QualityIndicators.ChartMethod
    public typealias Inflate = QualityIngest.InflateBackend
    public typealias Encoding = QualityIngest.TextEncoding
    public typealias Engine = QualityExport.CountSQL.Engine
    public typealias Format = QualityReport.OutputFormat

    /// `--format`'s default: the registry's default formats.
    public static var defaultFormats: String { Format.defaultList }
    /// What each format writes, for `--help`.
    public static var formatHelp: String { Format.help }
}
