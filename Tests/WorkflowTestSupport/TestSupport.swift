import Foundation
import WorkflowModel

/// Fixtures and fakes shared by the test targets.
public enum TestSupport {
    /// The repository's root folder (this file is `Tests/WorkflowTestSupport/TestSupport.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `stepwise` binary of the build the tests run from: beside the test bundle (`.build/debug/stepwise`, or
    /// the same place under another scratch path such as the sanitizer builds').
    public static var stepwiseBinary: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("stepwise"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("stepwise"),
            repositoryRoot.appendingPathComponent(".build/debug/stepwise"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// `samples/`.
    public static var samplesDirectory: URL { repositoryRoot.appendingPathComponent("samples") }

    /// `Tests/Fixtures/`: copies of reference documents, so tests never read outside the repository.
    public static var fixturesDirectory: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures") }

    /// The `.json` files of `directory`, sorted, leaving out `*.expected.json` and `*.outcome.json`.
    public static func jsonFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter {
            $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") && !$0.hasSuffix(".outcome.json")
        }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// The expected outcome of a top-level sample: `samples/expected/<name>.json`.
    public static func expectedOutcome(of sample: URL) throws -> JSONValue {
        try loadJSON(
            sample.deletingLastPathComponent().appendingPathComponent("expected")
                .appendingPathComponent(sample.lastPathComponent))
    }

    /// The JSON value of a file.
    public static func loadJSON(_ url: URL) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: url))
    }
}
