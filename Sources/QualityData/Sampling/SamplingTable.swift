/// Sampling results (监督抽查结果) as columns, one entry per batch (批次).
/// The per-batch columns are declared in ``SamplingSchema``.
///
/// Categorical values are dictionary codes (`UInt32`), enums are `UInt8`
/// (``missingEnumCode`` when absent), dates are days since 1970-01-01.
/// Failed items are stored as a compressed sparse list: the items of batch
/// `i` are `items[itemOffsets[i]..<itemOffsets[i+1]]`. A loaded table lists
/// its batches grouped by enterprise (file order within one); no output
/// depends on batch order.
public struct SamplingTable: Sendable {
    public var regions: RegionTable
    public var day: [Int32] = []
    public var year: [Int16] = []
    public var level: [UInt8] = []
    /// Index into ``regions`` of the most detailed known region.
    public var region: [Int32] = []
    public var product: [UInt32] = []
    public var enterprise: [UInt32] = []
    public var size: [UInt8] = []
    public var channel: [UInt8] = []
    public var outcome: [UInt8] = []
    public var testingAgency: [UInt32] = []
    public var samplingAgency: [UInt32] = []
    public var followUp: [UInt8] = []
    public var industry: [UInt32] = []
    /// The re-test's result (复检结论) where the enterprise had a failing
    /// result re-tested, else ``missingEnumCode``; ``outcome`` is then the
    /// re-test's (the final result).
    public var retestResult: [UInt8] = []
    /// The re-test date, ``missingDay`` when none was given.
    public var retestDay: [Int32] = []
    /// The sampling task's source document number (任务编号), a code of ``texts``.
    public var task: [UInt32] = []
    public var itemOffsets: [Int32] = [0]
    public var items: [UInt32] = []

    /// Product key (code, or name when no code) → code.
    public var products = ByteStringDictionary()
    /// Display name per product code.
    public var productNames: [String] = []
    /// Product codes whose batches carry several product names (a code that
    /// is a category, not a product): named in data_quality.csv and on the terminal.
    public var productCodeNames: [ProductCodeNames] = []
    /// Enterprise keys (credit code, or name when no code) by code, in order
    /// of first appearance.
    public var enterprises = ByteStringList()
    /// Testing and sampling agencies share one dictionary.
    public var agencies = ByteStringDictionary()
    public var itemNames = ByteStringDictionary()
    public var industries = ByteStringDictionary()
    /// Other text columns' values (task ids …): one dictionary they share.
    public var texts = ByteStringDictionary()

    public init(regions: RegionTable) { self.regions = regions }

    /// Number of batches.
    public var count: Int { outcome.count }

    /// Failed items of one batch.
    public func failedItems(of batch: Int) -> ArraySlice<UInt32> {
        items[Int(itemOffsets[batch])..<Int(itemOffsets[batch + 1])]
    }
}

/// A product code and the product names its batches carry, with each name's batches.
public struct ProductCodeNames: Sendable, Equatable, Codable {
    public struct Name: Sendable, Equatable, Codable {
        public let name: String
        public let batches: Int
        public init(name: String, batches: Int) { self.name = name; self.batches = batches }
    }
    public let code: String
    public let names: [Name]
    public init(code: String, names: [Name]) { self.code = code; self.names = names }
}
