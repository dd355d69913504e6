import Foundation
import FuzzDriver
import QualityData
import QualityIndicators
import QualityIngest

/// One fuzz input: a text read as each of the YAML files a user writes — a
/// mapping (`--map`ping of headers and values), a plan (`--plan`) and an
/// index framework (`--index`). Each is read or refused with a message;
/// nothing may crash, overflow, exhaust the stack or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Mapping.parse(yaml: text)
    _ = try? PlanFile.parse(yaml: text, indicators: IndicatorRegistry.named)
    _ = try? IndexFrameworkFile.parse(yaml: text, indicators: IndicatorRegistry.named)
    return 0
}

@_cdecl("YAMLFuzz_main")
public func yamlFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
