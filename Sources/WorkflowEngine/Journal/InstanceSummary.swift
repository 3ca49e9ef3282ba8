import Foundation
import WorkflowModel

/// An instance as list and get show it: a fold over its journal, kept up to date as events are appended.
public struct InstanceSummary: Sendable, Hashable, Codable {
    public var id: String
    public var workflowId: String
    /// The version of the workflow's spec the instance runs (pinned when it starts), when known.
    public var workflowVersion: Int?
    /// The trigger that fired (`apiTrigger`, `workflowTrigger`, …).
    public var trigger: TriggerKind
    /// How the run was started: `api`, `manual`, `schedule`, `githubWebhook`, …
    public var sourceKind: String
    /// The trigger event (`Source` in templates).
    public var source: JSONValue
    /// Inputs after defaults (`Trigger` in templates).
    public var inputs: JSONValue
    public var startedAt: Date
    public var endedAt: Date?
    public var status: InstanceStatus
    /// Workflow outputs, once it succeeded.
    public var outputs: JSONValue
    /// Why it failed, when it did.
    public var error: InstanceFailure?
    /// Every step that started or was skipped, in the order that happened.
    public var steps: [StepSummary]
    /// The instance and step that started this one, when a workflow step did (child workflows).
    public var parent: ParentInstance?

    /// The latest entry of each step name.
    private var stepIndex: [String: Int] = [:]
    /// For each loop body step, the iteration its loop is in: its next event opens a new entry when its latest
    /// entry belongs to an earlier iteration (docs/loops.md).
    public private(set) var loopIterations: [String: Int] = [:]

    private enum CodingKeys: String, CodingKey {
        case id, workflowId, workflowVersion, trigger, sourceKind, source, inputs, startedAt, endedAt, status, outputs,
            error, steps, parent, loopIterations
    }

    public init(
        id: String, workflowId: String, trigger: TriggerKind, sourceKind: String, source: JSONValue,
        inputs: JSONValue, startedAt: Date, workflowVersion: Int? = nil, parent: ParentInstance? = nil
    ) {
        self.id = id
        self.workflowId = workflowId
        self.workflowVersion = workflowVersion
        self.trigger = trigger
        self.sourceKind = sourceKind
        self.source = source
        self.inputs = inputs
        self.startedAt = startedAt
        self.status = .inProgress
        self.outputs = .emptyObject
        self.steps = []
        self.parent = parent
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        workflowId = try container.decode(String.self, forKey: .workflowId)
        workflowVersion = try container.decodeIfPresent(Int.self, forKey: .workflowVersion)
        trigger = try container.decode(TriggerKind.self, forKey: .trigger)
        sourceKind = try container.decode(String.self, forKey: .sourceKind)
        source = try container.decode(JSONValue.self, forKey: .source)
        inputs = try container.decode(JSONValue.self, forKey: .inputs)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        endedAt = try container.decodeIfPresent(Date.self, forKey: .endedAt)
        status = try container.decode(InstanceStatus.self, forKey: .status)
        outputs = try container.decode(JSONValue.self, forKey: .outputs)
        error = try container.decodeIfPresent(InstanceFailure.self, forKey: .error)
        steps = try container.decode([StepSummary].self, forKey: .steps)
        parent = try container.decodeIfPresent(ParentInstance.self, forKey: .parent)
        loopIterations = try container.decodeIfPresent([String: Int].self, forKey: .loopIterations) ?? [:]
        stepIndex = Dictionary(steps.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { _, latest in latest })
    }

    /// The summary of step `name` (its latest iteration inside a loop), if it started or was skipped.
    public func step(named name: String) -> StepSummary? {
        stepIndex[name].map { steps[$0] }
    }

    /// Folds one journal entry into the summary.
    public mutating func apply(_ entry: JournalEntry) {
        let time = entry.time
        switch entry.event {
        case .stepStarted(let name, let attempt, let inputs):
            updateStep(name, time: time) { step in
                step.state = .inProgress
                step.attempts = attempt
                step.inputs = .object(inputs)
                if step.startedAt == nil { step.startedAt = time }
            }
        case .stepAttemptFailed(let name, _, let failure):
            updateStep(name, time: time) { $0.error = failure }
        case .stepAttemptOutputs(let name, _, let outputs, _):
            updateStep(name, time: time) { $0.outputs = outputs }
        case .stepWaiting(let name, _, _, _):
            updateStep(name, time: time) { $0.state = .waiting }
        case .stepSucceeded(let name, _, let outputs, let branch):
            updateStep(name, time: time) { step in
                step.state = .succeeded
                step.outputs = outputs
                step.branch = branch
                step.error = nil
                step.endedAt = time
            }
        case .stepFailed(let name, _, let failure, _):
            updateStep(name, time: time) { step in
                step.state = .failed
                step.error = failure
                step.endedAt = time
            }
        case .stepSkipped(let name):
            updateStep(name, time: time) { $0.state = .skipped }
        case .stepCanceled(let name):
            updateStep(name, time: time) { step in
                step.state = .canceled
                step.endedAt = time
            }
        case .variablesSet, .stepProcessStarted:
            break
        case .loopIterationStarted(_, let index, let body):
            for name in body { loopIterations[name] = index }
        case .instanceFinished(let status, let outputs, let error):
            self.status = status
            self.outputs = outputs
            self.error = error
            self.endedAt = time
        }
    }

    private mutating func updateStep(_ name: String, time: Date, _ update: (inout StepSummary) -> Void) {
        let iteration = loopIterations[name]
        if let index = stepIndex[name], steps[index].iteration == iteration {
            update(&steps[index])
        } else {
            var step = StepSummary(name: name)
            step.iteration = iteration
            update(&step)
            stepIndex[name] = steps.count
            steps.append(step)
        }
    }
}

/// One step of an instance, for `stepStateAssociations` and the per-step detail.
public struct StepSummary: Sendable, Hashable, Codable {
    public var name: String
    public var state: StepState
    /// How many times the action ran.
    public var attempts: Int
    /// Inputs of the latest attempt, after rendering.
    public var inputs: JSONValue?
    public var outputs: JSONValue?
    /// The branch the step took.
    public var branch: String?
    /// The latest failure (of an attempt, or the final one).
    public var error: StepFailure?
    public var startedAt: Date?
    public var endedAt: Date?
    /// The loop iteration (from 0) this entry belongs to, for a loop body step; `nil` elsewhere.
    public var iteration: Int?

    public init(name: String, state: StepState = .inProgress, attempts: Int = 0) {
        self.name = name
        self.state = state
        self.attempts = attempts
    }
}
