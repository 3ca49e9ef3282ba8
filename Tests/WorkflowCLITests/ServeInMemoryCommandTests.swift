import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowTestSupport

/// `stepwise serve --db :memory:` (for benchmarks): workflows and instances kept in the process, served as with a
/// file.
@Suite("stepwise serve --db :memory:")
struct ServeInMemoryCommandTests {
    static let spec =
        #"{"triggers":[{"apiTrigger":{},"startStepNames":["Start"]}],"#
        + #""steps":[{"name":"Start","actionId":"com.datadoghq.core.noop"}]}"#

    @Test("a workflow created and started through the API runs to its end")
    func runsInMemory() async throws {
        let answers = Mutex<[String]>([])
        let result = try await StepwiseProcess.run(["serve", "--port", "0", "--db", ":memory:"]) { process, stderr in
            DispatchQueue.global().asyncAfter(deadline: .now() + 20) {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            let (port, seen) = ServeListening.port(stderr)
            guard let port else {
                process.terminate()
                return seen
            }
            defer { kill(process.processIdentifier, SIGKILL) }
            let body = #"{"data":{"type":"workflows","attributes":{"name":"m","spec":"# + Self.spec + "}}}"
            guard let created = try? LocalHTTP.send("POST", port: port, "/api/v2/workflows", body: body),
                let workflow = Self.id(in: created.body)
            else { return seen }
            let path = "/api/v2/workflows/\(workflow)/instances"
            guard let started = try? LocalHTTP.send("POST", port: port, path, body: #"{"meta":{"payload":{}}}"#),
                let instance = Self.id(in: started.body)
            else { return seen }
            for _ in 0..<100 {
                if let answer = try? LocalHTTP.send("GET", port: port, "\(path)/\(instance)") {
                    answers.withLock { $0.append(answer.body) }
                    if answer.body.contains("\"detailsKind\":\"SUCCEEDED\"") { break }
                }
                usleep(20_000)
            }
            return seen
        }
        #expect(result.stderr.contains("listening on"), "\(result.stderr)")
        let last = try #require(answers.withLock { $0.last }, "\(result.stderr)")
        #expect(last.contains("\"instanceStatus\":{\"detailsKind\":\"SUCCEEDED\""), "\(last)")
    }

    /// `data.id` of a JSON answer.
    static func id(in body: String) -> String? {
        guard case .object(let root)? = try? JSONValue.parse(Data(body.utf8)), case .object(let data)? = root["data"],
            case .string(let id)? = data["id"]
        else { return nil }
        return id
    }
}
