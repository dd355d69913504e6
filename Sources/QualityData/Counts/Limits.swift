/// The bounds qindex holds every input to, in one place: each keeps a value
/// read from a file (or an option) from overflowing a sum, a conversion or
/// the stack, and each is far beyond any real data set. docs/inputs.md
/// ("Limits") lists them; a value beyond one is refused with a message,
/// never trapped on.
public enum RecordLimits {
    /// Hazards one on-site inspection can find (or rectify). Above it the
    /// row is rejected `value_out_of_range`: 10^6 per row keeps a sum over
    /// 10^12 rows inside Int64.
    public static let largestHazards = 1_000_000

    /// A regional statistic's magnitude (`--stats`): 10^15 holds any
    /// region's GDP in yuan, and keeps the index's differences finite.
    public static let largestStatistic = 1e15

    /// The largest count a count table (or `_accounting.json`) may hold.
    public static let largestCount = 1_000_000_000_000

    /// Rows one count table may hold: with each count at most
    /// ``largestCount``, a column's sum over the table stays inside Int64.
    public static let largestCountTableRows = 5_000_000

    /// `qindex generate --batches`: the generator's memory grows with the
    /// batches (measured: 52 MB peak at 10^6, 107 MB at 3·10^6, about 27
    /// bytes a batch; about 3 GB here), so more than this is refused.
    public static let largestGeneratedBatches = 100_000_000

    /// A report header template: its size in bytes and how deeply its
    /// sections may nest.
    public static let largestHeaderBytes = 64 * 1024
    public static let deepestHeaderNesting = 32

    /// A map's coordinates: longitude within ±180, latitude within ±90, and
    /// an extent at least this wide (degrees) before it is drawn.
    public static let smallestMapExtent = 1e-6
}
