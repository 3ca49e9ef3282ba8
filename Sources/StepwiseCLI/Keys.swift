import ArgumentParser
import Foundation
import WorkflowServer

extension Stepwise {
    /// `stepwise keys hash`: the digest a keys file stores for a key.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with the keys file of stepwise serve --keys (docs/security.md).",
            subcommands: [Hash.self]
        )
    }
}

extension Stepwise.Keys {
    /// `stepwise keys hash < key.txt` → `sha256:<hex>`.
    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the sha256:<hex> digest of a key read from standard input, for a keys file.",
            discussion: """
                Reads the key from standard input (one trailing newline is ignored), so the key never appears \
                in the command line or the shell's history: stepwise keys hash < api-key.txt
                """
        )

        func run() throws {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard var key = String(data: data, encoding: .utf8) else {
                throw ValidationError("the key on standard input is not UTF-8 text")
            }
            if key.hasSuffix("\n") { key.removeLast() }
            if key.hasSuffix("\r") { key.removeLast() }
            guard !key.isEmpty else { throw ValidationError("no key on standard input") }
            print(KeyDigest(hashing: key))
        }
    }
}
