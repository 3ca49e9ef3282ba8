import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise run --metrics-port 0` serves `/metrics` on 127.0.0.1 while the run lasts: scraped mid-run by
/// Prometheus's own parser (`Tests/clients/prometheus_scrape.py`), it shows the instance running; Ctrl-C then
/// cancels the run.
@Suite("stepwise run --metrics-port")
struct RunMetricsPortCommandTests {
    @Test("scraped while the instance sleeps: one started, one running, none finished")
    func scrapeMidRun() async throws {
        let workflow = TestSupport.fixturesDirectory.appendingPathComponent("observability/sleep.json").path
        let scraped = Mutex<JSONValue?>(nil)
        let result = try await StepwiseProcess.run(["run", workflow, "--in-memory", "--metrics-port", "0"]) {
            process, stderr in
            DispatchQueue.global().asyncAfter(deadline: .now() + 60) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            let seen = StepwiseProcess.read(stderr, until: "/metrics\n")
            let text = String(decoding: seen, as: UTF8.self)
            guard let range = text.range(of: "metrics on http://127.0.0.1:"),
                let port = Int(text[range.upperBound...].prefix(while: \.isNumber))
            else { return seen }
            defer { kill(process.processIdentifier, SIGINT) }
            let json = try PythonClient.runBlocking("prometheus_scrape.py", arguments: [String(port)])
            scraped.withLock { $0 = json }
            return seen
        }
        // Ctrl-C cancelled the sleeping instance: exit status 1.
        #expect(result.status == 1, "\(result.stderr)")
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
