// swift-tools-version:6.0
// The fuzz targets (libFuzzer). Not part of the product build;
// scripts/fuzz.sh builds and runs them:
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// - IngestFuzz: the tokenizer and loader (a sampling file, both load paths)
// - CountTablesFuzz: `--from-counts` (a folder of count tables and their
//   accounting, read, checked and derived)
// - YAMLFuzz: the mapping, plan and index files
import PackageDescription

let package = Package(
    name: "qindex-fuzz",
    dependencies: [.package(name: "qindex", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "IngestFuzz",
            dependencies: ["FuzzDriver", .product(name: "QualityIngest", package: "qindex")]
        ),
        .executableTarget(
            name: "CountTablesFuzz",
            dependencies: ["FuzzDriver", .product(name: "QualityIngest", package: "qindex"), .product(name: "QualityExport", package: "qindex"),
                           .product(name: "QualityIndicators", package: "qindex")]
        ),
        .executableTarget(
            name: "YAMLFuzz",
            dependencies: ["FuzzDriver", .product(name: "QualityIngest", package: "qindex"),
                           .product(name: "QualityIndicators", package: "qindex")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
