import Foundation
import WorkflowModel

/// The sample trigger events (`samples/trigger-events/`, docs/trigger-events.md), embedded in the binary: what
/// `stepwise run --trigger KIND` uses as `Source` when no `--source` is given.
enum TriggerEventSamples {
    /// The sample a run fired by `kind` starts with, when there is one: its name and its event. A security
    /// trigger fires for a signal or a finding; the finding is chosen when the workflow reads
    /// `Source.securityFinding`, else the signal.
    static func sample(for kind: TriggerKind, in spec: WorkflowSpec) -> (name: String, event: JSONValue)? {
        let name: String
        switch kind {
        case .monitor: name = "monitor"
        case .security: name = readsSource("securityFinding", in: spec) ? "security-finding" : "security-signal"
        case .incident: name = "incident"
        case .api: name = "api"
        case .schedule: name = "schedule"
        case .dashboard: name = "dashboard"
        case .app: name = "app"
        case .caseManagement: name = "case"
        case .githubWebhook: name = "github"
        case .onCall: name = "on-call"
        case .workflow: name = "workflow"
        default: return nil
        }
        guard let event = named(name) else { return nil }
        return (name, event)
    }

    /// The sample `name` (a file name of `samples/trigger-events/` without `.json`), parsed.
    static func named(_ name: String) -> JSONValue? {
        guard let text = texts[name] else { return nil }
        return try? JSONValue.parse(text)
    }

    /// Whether a template of `spec` reads `Source.<member>`.
    private static func readsSource(_ member: String, in spec: WorkflowSpec) -> Bool {
        SpecTemplatePaths.all(in: spec).contains { use in
            use.path.root == .source && use.path.components.first == .key(member)
        }
    }
}

extension PreparedRun {
    /// The `Source` of a run without `--source`: the trigger's sample event (docs/trigger-events.md), announced
    /// on stderr unless it is empty; `{}` for a trigger without a sample.
    static func sampleSource(for kind: TriggerKind, in spec: WorkflowSpec) -> JSONValue {
        guard let sample = TriggerEventSamples.sample(for: kind, in: spec) else { return .emptyObject }
        if sample.event != .emptyObject {
            FileHandle.standardError.writeToConsole(
                Data(
                    "stepwise: no --source given: Source is the sample \(sample.name) event (docs/trigger-events.md)\n"
                        .utf8))
        }
        return sample.event
    }
}
