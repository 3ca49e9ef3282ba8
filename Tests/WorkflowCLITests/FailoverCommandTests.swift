import Foundation
import Synchronization
import Testing
import WorkflowModel
import WorkflowTestSupport

/// The failover proof (docs/workers.md): one `serve --no-execute` and three `worker` processes on one database;
/// two workers are killed with SIGKILL while they run a few hundred instances. Every instance ends as it would
/// on one machine, no step that had succeeded runs again, none is lost or left unfinished, and the instances a
/// killed worker held are taken over within the lease plus a second.
///
/// `STEPWISE_FAILOVER_DB` names the database every process shares (anything `--db` takes); default a fresh
/// SQLite file. `scripts/failover` is the long version.
@Suite("Failover across worker processes")
struct FailoverCommandTests {
    static let lease = 3.0
    static let instances = 240

    @Test("two of three workers killed mid-way: nothing lost, no finished step again, takeovers in time")
    func killWorkers() async throws {
        let cluster = try Cluster()
        let outcome = try await TestSupport.offThePool {
            defer { cluster.stop() }
            return try cluster.runScenario()
        }
        #expect(outcome.started.count == Self.instances)
        #expect(outcome.unfinished.isEmpty, "left unfinished: \(outcome.unfinished.prefix(5))")
        #expect(outcome.wrongStatus.isEmpty, "\(outcome.wrongStatus.prefix(10))")
        #expect(outcome.lost.isEmpty, "lost: \(outcome.lost.prefix(5))")
        #expect(outcome.violations.isEmpty, "\(outcome.violations.prefix(10))")
        // Each kill left instances to take over, and each was taken within the lease plus a second.
        #expect(outcome.takeoverLatencies.count == 2, "\(outcome.takeoverLatencies)")
        for latency in outcome.takeoverLatencies {
            #expect(latency <= Self.lease + 1, "a takeover came \(latency) s after its kill")
        }
    }

    /// What the scenario found.
    struct Outcome {
        var started: [String: String] = [:]
        var unfinished: [String] = []
        var wrongStatus: [String] = []
        var lost: [String] = []
        var violations: [String] = []
        var takeoverLatencies: [Double] = []
    }

    /// The workflows, each with the status an uninterrupted run ends with (shell steps count their runs in files).
    enum Workflows {
        static let childId = "0c4f3a52-6a43-4f7e-9d55-5f0a0d1e7c01"

        static func id(_ kind: String) -> String {
            "00000000-0000-4000-8000-" + String(format: "%012d", kind.unicodeScalars.reduce(0) { $0 + Int($1.value) })
        }

        static func shell(
            _ name: String, _ script: String, counts: String, _ rest: [String: JSONValue] = [:]
        )
            -> JSONValue
        {
            var step: [String: JSONValue] = [
                "name": .string(name), "actionId": "com.datadoghq.script.runShellScript",
                "parameters": [
                    ["name": "script", "value": .string(#"echo x >> "$COUNTS/{{ InstanceId }}.\#(name)"; "# + script)],
                    ["name": "env", "value": ["COUNTS": .string(counts)]],
                ],
            ]
            step.merge(rest) { $1 }
            return .object(step)
        }

        static func edge(_ to: String, _ branch: String = "main") -> JSONValue {
            ["nextStepName": .string(to), "branchName": .string(branch)]
        }

        static func spec(_ steps: [JSONValue], start: String, trigger: String = "apiTrigger") -> JSONValue {
            ["triggers": [[trigger: .emptyObject, "startStepNames": [.string(start)]]], "steps": .array(steps)]
        }

        static func all(counts: String) -> [String: (status: String, spec: JSONValue)] {
            let retry: JSONValue = [
                [
                    "fallbackStepName": "Gave_up",
                    "retryStrategy": ["kind": "RETRY_STRATEGY_LINEAR", "linear": ["interval": "1s", "maxRetries": 5]],
                ]
            ]
            return [
                "chain": (
                    "SUCCEEDED",
                    spec(
                        [
                            shell("A", "sleep 0.2", counts: counts, ["outboundEdges": [edge("B")]]),
                            shell("B", "sleep 0.2", counts: counts, ["outboundEdges": [edge("C")]]),
                            shell("C", "true", counts: counts),
                        ], start: "A")
                ),
                "retry": (
                    "SUCCEEDED",
                    spec(
                        [
                            shell(
                                "R", #"[ "$(wc -l < "$COUNTS/{{ InstanceId }}.R")" -ge 3 ]"#, counts: counts,
                                ["outboundEdges": [edge("After")], "errorHandlers": retry]),
                            shell("After", "true", counts: counts), shell("Gave_up", "true", counts: counts),
                        ], start: "R")
                ),
                "sleep": (
                    "SUCCEEDED",
                    spec(
                        [
                            shell("Before", "true", counts: counts, ["outboundEdges": [edge("Nap")]]),
                            [
                                "name": "Nap", "actionId": "com.datadoghq.core.sleep",
                                "parameters": [["name": "durationSeconds", "value": 2]],
                                "outboundEdges": [edge("Later")],
                            ],
                            shell("Later", "true", counts: counts),
                        ], start: "Before")
                ),
                "loop": (
                    "SUCCEEDED",
                    spec(
                        [
                            [
                                "name": "Loop", "actionId": "com.datadoghq.core.forLoop",
                                "parameters": [["name": "inputList", "value": [0, 1, 2]]],
                                "outboundEdges": [edge("Body", "loopStart"), edge("End")],
                            ],
                            shell("Body", "sleep 0.1", counts: counts), shell("End", "true", counts: counts),
                        ], start: "Loop")
                ),
                "parent": (
                    "SUCCEEDED",
                    spec(
                        [
                            [
                                "name": "Call", "actionId": "com.datadoghq.dd.workflow_automation.triggerWorkflow",
                                "parameters": [["name": "workflowId", "value": .string(childId)]],
                                "outboundEdges": [edge("After")],
                            ],
                            shell("After", "true", counts: counts),
                        ], start: "Call")
                ),
                "fails": (
                    "STEP_ERROR",
                    spec(
                        [
                            shell("Bad", "exit 3", counts: counts, ["outboundEdges": [edge("Unreached")]]),
                            shell("Unreached", "true", counts: counts),
                        ], start: "Bad")
                ),
                "child": (
                    "SUCCEEDED",
                    spec(
                        [
                            shell("Work", "sleep 0.3", counts: counts, ["outboundEdges": [edge("Nap")]]),
                            [
                                "name": "Nap", "actionId": "com.datadoghq.core.sleep",
                                "parameters": [["name": "durationSeconds", "value": 1]],
                            ],
                        ], start: "Work", trigger: "workflowTrigger")
                ),
            ]
        }
    }

    /// The shared database, the server, the workers (each with its stderr in a file) and the counter files.
    /// Used by one thread at a time (the scenario's, then the one that stops it): unchecked.
    final class Cluster: @unchecked Sendable {
        let folder: URL
        let counts: URL
        let database: String
        let workflows: [String: (status: String, spec: JSONValue)]
        private let processes = Mutex<[ChildProcess]>([])
        private(set) var workerLogs: [URL] = []
        private var workers: [ChildProcess] = []
        private var port = 0

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-failover-\(UUID())")
            counts = folder.appendingPathComponent("counts")
            try FileManager.default.createDirectory(at: counts, withIntermediateDirectories: true)
            database =
                ProcessInfo.processInfo.environment["STEPWISE_FAILOVER_DB"]
                ?? folder.appendingPathComponent("stepwise.db").path
            workflows = Workflows.all(counts: counts.path)
        }

        /// Starts `stepwise arguments…` with stderr in `log`.
        private func launch(_ arguments: [String], log: URL) throws -> ChildProcess {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = ChildProcess()
            process.executableURL = StepwiseProcess.binary
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            processes.withLock { $0.append(process) }
            return process
        }

        private func startWorker() throws {
            let log = folder.appendingPathComponent("worker-\(workerLogs.count + 1).log")
            workerLogs.append(log)
            workers.append(
                try launch(
                    [
                        "worker", "--db", database, "--lease-duration", "\(FailoverCommandTests.lease)",
                        "--heartbeat", "0.5", "--poll-interval", "0.1", "--concurrency", "256",
                    ], log: log))
        }

        /// The live worker holding the most instances (claimed and not finished, from its log), if it holds any.
        private func busiestWorker() -> ChildProcess? {
            var best: (process: ChildProcess, held: Int)?
            for (process, log) in zip(workers, workerLogs) where process.isRunning {
                var held: Set<String> = []
                for line in ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard words.count >= 3 else { continue }
                    if line.contains(" claimed ") || line.contains(" took over ") {
                        held.insert(String(words[words.count - 3]))
                    } else if line.contains(" finished ") {
                        held.remove(String(words[words.count - 2]))
                    }
                }
                if held.count > best?.held ?? 0 { best = (process, held.count) }
            }
            return best?.process
        }

        private func api(_ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
            let answer = try LocalHTTP.send(method, port: port, path, body: body?.compactJSON)
            guard answer.status == 200 else {
                throw LocalHTTP.Failure(description: "\(method) \(path): \(answer.status) \(answer.body)")
            }
            return try JSONValue.parse(answer.body)
        }

        private func instances(of kind: String) throws -> [(id: String, status: String)] {
            var found: [(id: String, status: String)] = []
            var page = 0
            while true {
                let rows =
                    try api("GET", "/api/v2/workflows/\(id(kind))/instances?page[size]=100&page[number]=\(page)")[
                        "data"]?.arrayValue ?? []
                for row in rows {
                    found.append(
                        (
                            row["id"]?.stringValue ?? "",
                            row["attributes"]?["instanceStatus"]?["detailsKind"]?.stringValue ?? ""
                        ))
                }
                if rows.count < 100 { return found }
                page += 1
            }
        }

        private func id(_ kind: String) -> String { kind == "child" ? Workflows.childId : Workflows.id(kind) }

        /// Blocking: the whole scenario, on a thread of its own.
        func runScenario() throws -> Outcome {
            var outcome = Outcome()
            for (kind, workflow) in workflows {
                let file = folder.appendingPathComponent("\(kind).json")
                try Data(workflow.spec.compactJSON.utf8).write(to: file)
                let created = try StepwiseProcess.runBlocking([
                    "workflows", "create", file.path, "--id", id(kind), "--db", database,
                ])
                guard created.status == 0 else { throw LocalHTTP.Failure(description: created.stderr) }
            }
            let serveLog = folder.appendingPathComponent("serve.log")
            _ = try launch(["serve", "--no-execute", "--port", "0", "--db", database], log: serveLog)
            let deadline = Date().addingTimeInterval(30)
            while port == 0, Date() < deadline {
                let text = (try? String(contentsOf: serveLog, encoding: .utf8)) ?? ""
                if let range = text.range(of: "listening on http://127.0.0.1:") {
                    port = Int(text[range.upperBound...].prefix(while: \.isNumber)) ?? 0
                }
                usleep(20_000)
            }
            guard port != 0 else { throw LocalHTTP.Failure(description: "serve did not start") }
            for _ in 0..<3 { try startWorker() }

            let kinds = workflows.keys.filter { $0 != "child" }.sorted()
            // Starts arrive steadily for 12 s; a worker dies at 3 s and another a lease and more later, each time
            // the one holding the most instances.
            let begin = Date()
            let spacing = 12.0 / Double(FailoverCommandTests.instances)
            var killAt = [3.0, 3.0 + FailoverCommandTests.lease + 1.5]
            var kills: [Date] = []
            for number in 0..<FailoverCommandTests.instances {
                let kind = kinds[number % kinds.count]
                let body = try api("POST", "/api/v2/workflows/\(id(kind))/instances", ["meta": ["payload": [:]]])
                outcome.started[body["data"]?["id"]?.stringValue ?? "?"] = kind
                if let next = killAt.first, Date().timeIntervalSince(begin) >= next, let victim = busiestWorker() {
                    killAt.removeFirst()
                    kill(victim.processIdentifier, SIGKILL)
                    victim.waitUntilExit()
                    kills.append(Date())
                    if kills.count == 1 { try startWorker() }  // two workers stay after the second kill
                }
                let due = begin.addingTimeInterval(Double(number + 1) * spacing).timeIntervalSinceNow
                if due > 0 { usleep(UInt32(due * 1_000_000)) }
            }
            // Everything ends (60 s at most).
            let end = Date().addingTimeInterval(60)
            var pending = kinds + ["child"]
            while !pending.isEmpty, Date() < end {
                pending = try pending.filter { kind in try instances(of: kind).contains { $0.status == "IN_PROGRESS" } }
                if !pending.isEmpty { usleep(250_000) }
            }
            usleep(500_000)  // a killed worker's orphaned shell step may still be writing
            for kind in kinds + ["child"] {
                let listed = try instances(of: kind)
                if kind != "child" {
                    let known = Set(listed.map(\.id))
                    outcome.lost += outcome.started.filter { $0.value == kind && !known.contains($0.key) }.map(\.key)
                }
                for (instance, status) in listed {
                    if status == "IN_PROGRESS" { outcome.unfinished.append(instance) }
                    let events =
                        try api("GET", "/api/v2/workflows/\(id(kind))/instances/\(instance)/events")["data"]?
                        .arrayValue ?? []
                    if status != workflows[kind]?.status {
                        let failures = events.compactMap { $0["error"]?["message"]?.stringValue }
                        outcome.wrongStatus.append("\(instance) (\(kind)): \(status) \(failures)")
                    }
                    outcome.violations += check(instance, events: events)
                }
            }
            outcome.takeoverLatencies = try latencies(after: kills)
            return outcome
        }

        /// What the journal of `instance` and its counter files say against "a finished step never runs again":
        /// no step starts again after it succeeded, and no step ran more often than it was dispatched.
        private func check(_ instance: String, events: [JSONValue]) -> [String] {
            var problems: [String] = []
            var iteration: [String: Int] = [:]
            var dispatches: [String: Int] = [:]
            var succeeded: Set<String> = []
            for event in events {
                let step = event["stepName"]?.stringValue ?? ""
                switch event["type"]?.stringValue {
                case "loopIterationStarted":
                    for body in event["body"]?.arrayValue ?? [] {
                        if let name = body.stringValue { iteration[name] = Int(event["iteration"]?.numberValue ?? 0) }
                    }
                case "stepStarted":
                    let key = step + (iteration[step].map { ".\($0)" } ?? "")
                    if succeeded.contains(key) {
                        problems.append("\(instance): \(key) started again after it succeeded")
                    }
                    dispatches[key, default: 0] += 1
                case "stepSucceeded":
                    succeeded.insert(step + (iteration[step].map { ".\($0)" } ?? ""))
                default:
                    break
                }
            }
            // A counter file counts a step's runs in every loop iteration together.
            var perStep: [String: Int] = [:]
            for (key, count) in dispatches { perStep[String(key.prefix { $0 != "." }), default: 0] += count }
            for (step, allowed) in perStep where !["Call", "Nap", "Loop"].contains(step) {
                let file = counts.appendingPathComponent("\(instance).\(step)")
                let lines = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").count
                if lines > allowed {
                    problems.append("\(instance): \(step) ran \(lines) times for \(allowed) dispatches")
                }
                if succeeded.contains(step) && lines == 0 {
                    problems.append("\(instance): \(step) succeeded, never ran")
                }
            }
            return problems
        }

        /// For each kill, how long after it the last takeover the workers logged came (before the next kill).
        private func latencies(after kills: [Date]) throws -> [Double] {
            var takeovers: [Date] = []
            let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            for log in workerLogs {
                for line in try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
                where line.contains(" took over ") {
                    let stamp = line.split(separator: " ").dropFirst(2).first.map(String.init) ?? ""
                    if let time = try? format.parse(stamp) { takeovers.append(time) }
                }
            }
            return kills.indices.compactMap { index in
                let until = index + 1 < kills.count ? kills[index + 1] : .distantFuture
                let window = takeovers.filter { $0 >= kills[index] && $0 < until }
                return window.max().map { $0.timeIntervalSince(kills[index]) }
            }
        }

        /// Ends every process still running and removes the folder.
        func stop() {
            for process in processes.withLock({ $0 }) where process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
