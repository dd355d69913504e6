// swift-tools-version:6.0
// The hand-written CSV tokenizer against a CSV library (yaslab/CSV.swift),
// tokenizing the same bytes in memory: benchmarks/RESULTS.md, run 16.
//   cd benchmarks/tokenizer && swift run -c release tokenizer-bench FILE.csv
// Kept out of the product: qindex does not depend on CSV.swift.
import Foundation
import PackageDescription

/// The repository's package identity: its folder's name, lower-cased (a clone may be called anything).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "tokenizer-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../.."),  // this repository
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .executableTarget(name: "tokenizer-bench", dependencies: [
            .product(name: "QualityIngest", package: repository),
            .product(name: "CSV", package: "CSV.swift"),
        ]),
    ]
)
