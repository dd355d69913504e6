import CSV
import Foundation
import QualityIngest

/// The file's bytes, served from memory (no disk, no inflate in the timing).
final class MemoryStream: ByteStream {
    let path = "memory"
    let bytes: [UInt8]
    var at = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - at)
        bytes.withUnsafeBytes { src in buffer.baseAddress!.copyMemory(from: src.baseAddress! + at, byteCount: n) }
        at += n
        return n
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "sampling.csv"
let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
let text = String(decoding: bytes, as: UTF8.self)
print("file: \(path), \(bytes.count) bytes")
for run in 1...3 {
    var qRecords = 0, qFields = 0, qBytes = 0
    let q = try seconds {
        try CSVTokenizer(input: MemoryStream(bytes), separator: 0x2C).forEachRecord { r in
            qRecords += 1; qFields += r.count
            for i in 0..<r.count { qBytes += r.rawBytes(i).count }
        }
    }
    var cRecords = 0, cFields = 0, cBytes = 0
    let c = try seconds {
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        while let row = reader.next() {
            cRecords += 1; cFields += row.count
            for f in row { cBytes += f.utf8.count }
        }
    }
    print(String(format: "run %d: qindex CSVTokenizer %.3f s (%d records, %d fields, %d field bytes); CSV.swift %.3f s (%d records, %d fields, %d field bytes); ratio %.1f×",
                 run, q, qRecords, qFields, qBytes, c, cRecords, cFields, cBytes, c / q))
}
