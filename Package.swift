// swift-tools-version:6.0
import Foundation
import PackageDescription

/// ISA-L's igzip inflates ~5× faster than zlib. It is linked when its header
/// is installed (Debian libisal-dev); without it qindex builds with zlib only.
let hasISAL = FileManager.default.fileExists(atPath: "/usr/include/isa-l/igzip_lib.h")

/// The hot loops (parsing, aggregating, writing cells) run on bytes; dynamic exclusivity
/// checks there cost ~8% of a load and guard nothing those loops can violate.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "qindex",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qindex", targets: ["qindex"]),
        .library(name: "QualityIngest", targets: ["QualityIngest"]),
        .library(name: "QualityExport", targets: ["QualityExport"]),
        .library(name: "QualityParquet", targets: ["QualityParquet"]),
        .library(name: "QualityIndicators", targets: ["QualityIndicators"]),
        .library(name: "QualityReport", targets: ["QualityReport"]),
        .library(name: "QualityStore", targets: ["QualityStore"]),
        .library(name: "QualityRun", targets: ["QualityRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // SHA-256 of every input as it is read (BoringSSL with SHA-NI: ~1 GB/s, 11× the hand-written one it replaced; RESULTS.md run 12).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The page-header template (`--header`): Mustache, HTML-escaped by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(name: "CFileSwap", path: "Sources/CFileSwap"),
        .systemLibrary(
            name: "CIsal",
            path: "Sources/CIsal",
            providers: [.apt(["libisal-dev"])]
        ),
        // Run-time utilities: threads' results, stage clocks, memory, content digests.
        .target(name: "QualityRuntime", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: hotPath),
        .target(name: "QualityData", dependencies: ["QualityRuntime"], swiftSettings: hotPath),
        .target(
            name: "QualityIngest",
            dependencies: ["QualityRuntime", "QualityData", "CZlib", .product(name: "Yams", package: "Yams")] + (hasISAL ? ["CIsal"] : []),
            swiftSettings: hotPath
        ),
        .target(name: "QualityIndicators", dependencies: ["QualityRuntime", "QualityData"], swiftSettings: hotPath),
        // Parquet files from typed columns (the export's parts, the report's tables for BI tools): Foundation only.
        .target(name: "QualityParquet", swiftSettings: hotPath),
        // The canonical export (Parquet), the count tables in and out, and the SQL that fills them on DuckDB or Spark.
        .target(name: "QualityExport", dependencies: ["QualityRuntime", "QualityData", "QualityIngest", "QualityIndicators", "QualityParquet"],
                swiftSettings: hotPath),
        .target(name: "QualityReport", dependencies: ["QualityRuntime", "QualityData", "QualityIndicators", "QualityParquet", "CZlib", "CFileSwap", .product(name: "Mustache", package: "swift-mustache")]
                    + (hasISAL ? ["CIsal"] : []),
                swiftSettings: hotPath),
        .target(name: "QualityStore", dependencies: ["QualityRuntime", "QualityData", "QualityIndicators", "CSQLite"]),
        .target(name: "QualitySynthetic", dependencies: ["QualityData", "QualityIngest", "CZlib"]),
        .target(name: "QualityRun", dependencies: ["QualityRuntime", "QualityData", "QualityIngest", "QualityIndicators", "QualityExport", "QualityReport", "QualityStore",
                                                   "QualitySynthetic"]),
        .executableTarget(
            name: "qindex",
            dependencies: [
                "QualityRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "_QualityTestSupport",
            dependencies: ["QualityData", "QualityIngest", "CZlib"],
            path: "Tests/_QualityTestSupport"
        ),
        .testTarget(name: "QualityDataTests", dependencies: ["QualityData", "_QualityTestSupport"]),
        .testTarget(name: "QualityIngestTests", dependencies: ["QualityRuntime", "QualityIngest", "QualityIndicators", "_QualityTestSupport"]),
        .testTarget(name: "QualityIndicatorsTests", dependencies: ["QualityIndicators", "QualityIngest", "QualitySynthetic", "_QualityTestSupport"]),
        .testTarget(
            name: "QualityReportTests",
            dependencies: ["QualityRuntime", "QualityReport", "QualityIngest", "QualityIndicators", "QualityStore", "QualitySynthetic", "_QualityTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "QualityParquetTests", dependencies: ["QualityParquet", "_QualityTestSupport"]),
        .testTarget(name: "QualityStoreTests", dependencies: ["QualityRuntime", "QualityStore", "QualityIngest", "QualityIndicators", "CSQLite", "_QualityTestSupport"]),
        .testTarget(name: "QualityRunTests", dependencies: ["QualityRuntime", "QualityRun", "QualityExport", "QualityReport", "QualityIngest", "QualityIndicators", "QualityStore", "QualitySynthetic", "_QualityTestSupport"]),
        .testTarget(name: "QualitySyntheticTests", dependencies: ["QualitySynthetic", "QualityIngest", "QualityIndicators", "_QualityTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
