import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run --metrics-port 0` serves `/metrics` on 127.0.0.1 while the run lasts: scraped mid-run (the
/// step waits for the test to let it end) by Prometheus's own parser (`Tests/clients/prometheus_scrape.py`), it
/// shows the instance running.
@Suite("stepwise run --metrics-port")
struct RunMetricsPortCommandTests {
    @Test("scraped while the step waits: one started, one running, none finished")
    func scrapeMidRun() async throws {
        // The step waits until the test has scraped (it creates `release`), however slow the machine.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = folder.appendingPathComponent("release").path
        let workflow = folder.appendingPathComponent("wait.json").path
        let spec: JSONValue = [
            "triggers": [["workflowTrigger": .emptyObject, "startStepNames": ["Wait"]]],
            "steps": [
                [
                    "name": "Wait", "actionId": "com.datadoghq.script.runShellScript",
                    "parameters": [
                        [
                            "name": "script",
                            "value": .string("while [ ! -e '\(release)' ]; do sleep 0.1; done"),
                        ]
                    ],
                ]
            ],
        ]
        try Data(spec.compactJSON.utf8).write(to: URL(fileURLWithPath: workflow))
        let scraped = Mutex<JSONValue?>(nil)
        let result = try await StepwiseProcess.run(["run", workflow, "--in-memory", "--metrics-port", "0"]) {
            process, stderr in
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            defer { _ = FileManager.default.createFile(atPath: release, contents: nil) }
            let seen = StepwiseProcess.read(stderr, until: "/metrics\n")
            let text = String(decoding: seen, as: UTF8.self)
            guard let range = text.range(of: "metrics on http://127.0.0.1:"),
                let port = Int(text[range.upperBound...].prefix(while: \.isNumber))
            else { return seen }
            let json = try PythonClient.runBlocking("prometheus_scrape.py", arguments: [String(port)])
            scraped.withLock { $0 = json }
            return seen
        }
        #expect(result.status == 0, "\(result.stderr)")
        let scrape = try #require(scraped.withLock { $0 })
        let samples = scrape["samples"]?.arrayValue ?? []
        func value(_ name: String) -> Double? {
            samples.first { $0["name"]?.stringValue == name }?["value"]?.numberValue
        }
        #expect(scrape["contentType"]?.stringValue?.hasPrefix("text/plain") == true)
        #expect(value("stepwise_instances_started_total") == 1)
        #expect(value("stepwise_instances_running") == 1)
        #expect(value("stepwise_instances_finished_total") == nil)
        #expect(scrape["families"]?["stepwise_instances_running"]?.stringValue == "gauge")
    }
}
