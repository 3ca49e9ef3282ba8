import Foundation
import WorkflowActions
import WorkflowEngine
import WorkflowModel
import WorkflowStore

/// What a dry run showed: per step its rendered inputs, outputs, branch and attempts (at virtual times), and
/// which steps and edges the run never exercised (coverage). Built from the plan, the journal and the mocks'
/// recorder once the instance ended.
public struct DryRunReport: Sendable, Hashable {
    /// One attempt of a step.
    public struct Attempt: Sendable, Hashable {
        /// 1 for the first.
        public var number: Int
        /// When it started, as virtual time since the instance started.
        public var at: Duration
        /// The rendered inputs of this attempt.
        public var inputs: JSONValue
        /// What became of it: `succeeded`, `failed: …`, `completion condition not met, next attempt after 1s`, ….
        public var outcome: String
    }

    /// One step that started.
    public struct StepReport: Sendable, Hashable {
        public var name: String
        public var actionId: String
        /// `SUCCEEDED`, `FAILED`, `CANCELED`, ….
        public var state: String
        /// Where its result came from when it was mocked (`step`, `action`, `none`); `nil` when it ran for real.
        public var mock: MockBook.Source?
        /// Inputs of the latest attempt.
        public var inputs: JSONValue
        public var outputs: JSONValue?
        public var branch: String?
        public var error: String?
        public var attempts: [Attempt]
        /// The loop iteration (from 0) of a loop body step's report; a body step has one report per iteration.
        public var iteration: Int? = nil
    }

    /// An edge of the spec graph.
    public struct EdgeReport: Sendable, Hashable {
        public var from: String
        public var to: String
        /// The branch that takes it; `nil` for an error handler's fallback edge.
        public var branch: String?

        public init(from: String, to: String, branch: String?) {
            self.from = from
            self.to = to
            self.branch = branch
        }
    }

    /// Steps that started, in the order they first started.
    public var steps: [StepReport]
    /// Steps that never started (skipped, or unreachable from the fired trigger), in spec order.
    public var stepsNotRun: [String]
    /// Edges never taken, in spec order.
    public var edgesNotTaken: [EdgeReport]
    /// Mocks missing, actions not available here.
    public var warnings: [String]

    /// Builds the report of a finished dry run.
    /// - Parameters:
    ///   - journal: every journal entry of the instance, in order.
    ///   - startedAt: the (virtual) time the instance started; attempt times are measured from it.
    public init(plan: ExecutionPlan, journal: [JournalEntry], startedAt: Date, recorder: DryRunRecorder) {
        // Reports in the order they first started, found by key; each is changed in place (`reports[index]`), so
        // an attempt appends to its array without copying it: the report is linear in the journal's length.
        var reports: [StepReport] = []
        var positions: [String: Int] = [:]
        var taken: Set<Int> = []
        let sources = recorder.sources
        let actionIds = Dictionary(plan.steps.map { ($0.name, $0.actionId) }, uniquingKeysWith: { first, _ in first })
        // Loop body steps get a report per iteration, keyed `name#iteration`.
        var iterations: [String: Int] = [:]
        func key(_ name: String) -> String { iterations[name].map { "\(name)#\($0)" } ?? name }
        func update(_ name: String, _ change: (inout StepReport) -> Void) {
            guard let index = positions[key(name)] else { return }
            change(&reports[index])
        }
        func finishAttempt(_ report: inout StepReport, _ outcome: String) {
            guard !report.attempts.isEmpty else { return }
            report.attempts[report.attempts.count - 1].outcome = outcome
        }
        for entry in journal {
            let at = Duration.milliseconds(Int64((entry.time.timeIntervalSince(startedAt) * 1000).rounded()))
            switch entry.event {
            case .stepStarted(let name, let attempt, let inputs):
                if positions[key(name)] == nil {
                    positions[key(name)] = reports.count
                    reports.append(
                        StepReport(
                            name: name, actionId: actionIds[name] ?? "", state: "IN_PROGRESS", mock: sources[name],
                            inputs: .object(inputs), attempts: [], iteration: iterations[name]))
                }
                update(name) { report in
                    report.inputs = .object(inputs)
                    report.state = "IN_PROGRESS"
                    report.attempts.append(
                        Attempt(number: attempt, at: at, inputs: .object(inputs), outcome: "running"))
                }
            case .stepAttemptFailed(let name, _, let failure):
                update(name) { finishAttempt(&$0, "failed: \(failure.message)") }
            case .stepAttemptOutputs(let name, _, let outputs, _):
                update(name) { $0.outputs = outputs }
            case .stepWaiting(let name, _, let reason, let delay):
                update(name) { report in
                    report.state = "WAITING"
                    if reason == .completionGate {
                        finishAttempt(&report, "completion condition not met, next attempt after \(Self.text(delay))")
                    } else if !report.attempts.isEmpty {
                        report.attempts[report.attempts.count - 1].outcome += ", retried after \(Self.text(delay))"
                    }
                }
            case .stepSucceeded(let name, _, let outputs, let branch):
                update(name) { report in
                    report.state = "SUCCEEDED"
                    report.outputs = outputs
                    report.branch = branch
                    report.error = nil
                    finishAttempt(&report, branch == "main" ? "succeeded" : "succeeded → \(branch)")
                }
                taken.formUnion(Self.edges(of: name, in: plan.graph) { $0.branch == branch })
            case .stepFailed(let name, _, let failure, let recovered):
                update(name) { report in
                    report.state = "FAILED"
                    report.error = failure.message
                    if report.attempts.last?.outcome == "running" {
                        finishAttempt(&report, "failed: \(failure.message)")
                    }
                    if recovered { report.branch = "fallback" }
                }
                if recovered { taken.formUnion(Self.edges(of: name, in: plan.graph) { $0.isFallback }) }
            case .stepCanceled(let name):
                update(name) { report in
                    report.state = "CANCELED"
                    if report.attempts.last?.outcome == "running" { finishAttempt(&report, "canceled") }
                }
            case .loopIterationStarted(let loop, let index, let body):
                for name in body { iterations[name] = index }
                taken.formUnion(
                    Self.edges(of: loop, in: plan.graph) { $0.branch == LoopStructure.Control.loopStartBranch })
            case .stepSkipped, .variablesSet, .instanceFinished, .stepProcessStarted:
                break
            }
        }
        steps = reports
        let ran = Set(steps.map(\.name))
        stepsNotRun = plan.graph.names.filter { !ran.contains($0) }
        edgesNotTaken = plan.graph.edges.indices.filter { !taken.contains($0) }.map { id in
            let edge = plan.graph.edges[id]
            return EdgeReport(from: plan.graph.names[edge.from], to: plan.graph.names[edge.to], branch: edge.branch)
        }
        warnings = recorder.warnings
    }

    private static func edges(
        of name: String, in graph: WorkflowGraph, where matches: (WorkflowGraph.Edge) -> Bool
    ) -> [Int] {
        guard let step = graph.indexByName[name] else { return [] }
        return graph.outboundEdgeIds(of: step).filter { matches(graph.edges[$0]) }
    }

    /// `1s`, `1.5s`, `0s`.
    static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let millis = attoseconds / 1_000_000_000_000_000
        return millis == 0 ? "\(seconds)s" : String(format: "%.3gs", Double(seconds) + Double(millis) / 1000)
    }
}
