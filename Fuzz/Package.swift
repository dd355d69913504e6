// swift-tools-version:6.0
// The fuzz target of the tokenizer and loader (libFuzzer). Not part of the
// product build; scripts/fuzz.sh builds and runs it:
//   swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "qindex-fuzz",
    dependencies: [.package(name: "qindex", path: "..")],
    targets: [
        .executableTarget(
            name: "IngestFuzz",
            dependencies: [.product(name: "QualityIngest", package: "qindex")]
        )
    ],
    swiftLanguageModes: [.v6]
)
