import ArgumentParser
import Foundation
import QualityData
import QualityReport
import QualityRun
import QualityStore

extension QIndex {
    /// `qindex files`: the ingest manifest.
    struct Files: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the ingest manifest: every input file a run has read, with its SHA-256 and row counts.",
                                                        discussion: "Example:\n  qindex files --db /data/bureau.sqlite")

        @Option(help: "SQLite database.")
        var db: String = "qindex.sqlite"

        @OptionGroup var lang: LanguageOption

        func run() throws {
            let language = lang.value
            do {
                guard FileManager.default.fileExists(atPath: db) else { throw StoreError.cannotOpen(path: db, reason: language == .zh ? "文件不存在" : "no such file") }
                Terminal.print(StoreText.files(try Store(path: db).files(), lang: language))
            } catch let e as StoreError {
                Terminal.error(e.message(language))
                throw ExitCode(1)
            }
        }
    }

    /// `qindex history INDICATOR [--region CODE]`: a series across runs and years.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an indicator's values across runs and years from the database.",
                                                        discussion: "Examples:\n  qindex history pass_rate --region 450000\n  qindex history target:manufacturing-pass-rate --region 450000")

        @Argument(help: "Indicator: pass_rate (batch_pass_rate), enterprise_pass_rate, hazard_rectification_rate, target:ID or index:ID.")
        var indicator: String

        @Option(help: "Region code (GB/T 2260); default: all batches.")
        var region: String?

        @Option(help: "Another dimension and key instead of a region, e.g. --dimension product --key P0011.")
        var dimension: String?

        @Option(help: "Key within --dimension.")
        var key: String?

        @Option(help: "SQLite database.")
        var db: String = "qindex.sqlite"

        @OptionGroup var lang: LanguageOption

        func run() throws {
            let language = lang.value
            let name = indicator == "pass_rate" ? "batch_pass_rate" : indicator
            let (dim, k): (String, String) = dimension.map { ($0, key ?? "") }
                ?? region.map { $0 == RegionTable.nationalCode ? ("all", "") : ("region", $0) } ?? ("all", "")
            do {
                guard FileManager.default.fileExists(atPath: db) else { throw StoreError.cannotOpen(path: db, reason: language == .zh ? "文件不存在" : "no such file") }
                let rows = try Store(path: db).history(indicator: name, dimension: dim, key: k)
                Terminal.print(StoreText.history(rows, title: "\(name) · \(dim)\(k.isEmpty ? "" : " " + k)", lang: language))
            } catch let e as StoreError {
                Terminal.error(e.message(language))
                throw ExitCode(1)
            }
        }
    }
}
