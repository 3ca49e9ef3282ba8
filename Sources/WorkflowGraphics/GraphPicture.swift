import WorkflowModel

/// A workflow spec as a picture: nodes (steps and triggers) and edges, with what each renderer shows on them.
/// Built once from a spec and optionally a run overlay; the Mermaid, DOT and SVG renderers read only this.
public struct GraphPicture: Sendable, Hashable {
    /// One step node.
    public struct Node: Sendable, Hashable {
        /// A stable identifier safe in every output format (`s0`, `s1`, …).
        public var id: String
        /// The step name.
        public var name: String
        /// The action id without the `com.datadoghq.` prefix (`core.if`, `http.request`).
        public var action: String
        /// `ALL` or `ANY` when several edges enter the step.
        public var merge: String?
        /// Extra lines: completion gate and retry strategy.
        public var notes: [String]
        /// The state of the step in the overlaid run, if any.
        public var state: StepRunState?
        /// Attempts and duration in the overlaid run (`2 attempts · 1.5s`).
        public var runNote: String?
    }

    /// One trigger node, pointing at its start steps.
    public struct TriggerNode: Sendable, Hashable {
        /// `t_apiTrigger`, …
        public var id: String
        /// The trigger kind as written in the spec (`workflowTrigger`).
        public var kind: String
        /// Indexes of the start steps.
        public var starts: [Int]
        /// Whether the overlaid run was started by this trigger.
        public var fired: Bool
    }

    /// One edge between steps.
    public struct Edge: Sendable, Hashable {
        /// The index of the step it leaves.
        public var from: Int
        /// The index of the step it enters.
        public var to: Int
        /// The branch label, `nil` for `main` and for fallbacks.
        public var label: String?
        /// An error handler's fallback edge (drawn dashed).
        public var isFallback: Bool
        /// Whether the overlaid run took the edge; `nil` without a run.
        public var taken: Bool?
    }

    /// The steps, in spec order.
    public var nodes: [Node]
    /// One node per trigger kind.
    public var triggers: [TriggerNode]
    /// Every edge, outbound edges of each step then its fallback.
    public var edges: [Edge]

    /// The picture of `spec`, optionally overlaid with a run.
    public init(spec: WorkflowSpec, run: RunOverlay? = nil) {
        let graph = WorkflowGraph(spec: spec)
        let steps = spec.steps ?? []
        var nodes: [Node] = []
        for (index, step) in steps.enumerated() {
            var notes: [String] = []
            if let gate = step.completionGate {
                let condition = gate.completionCondition
                var text = "wait until \(Self.operand(condition.operand1)) \(Self.operatorText(condition.operator))"
                if let operand2 = condition.operand2, !condition.operator.isUnary {
                    text += " \(Self.operand(operand2))"
                }
                notes.append(text)
                notes.append("gate: " + Self.retryText(gate.retryStrategy))
            }
            if let handler = step.errorHandlers?.first {
                notes.append("on error: " + Self.retryText(handler.retryStrategy))
            }
            let inbound = graph.inboundCount(of: index)
            let merge: String? =
                inbound > 1 || step.readinessGate != nil
                ? (step.readinessGate?.thresholdType ?? .all).rawValue : nil
            var node = Node(
                id: "s\(index)", name: step.name, action: Self.shortAction(step.actionId), merge: merge,
                notes: notes)
            if let run {
                node.state = run.state(of: step.name)
                node.runNote = run.note(for: step.name)
            }
            nodes.append(node)
        }
        var triggers: [TriggerNode] = []
        for trigger in spec.triggers ?? [] where !triggers.contains(where: { $0.kind == trigger.kind.rawValue }) {
            triggers.append(
                TriggerNode(
                    id: "t_\(trigger.kind.rawValue)", kind: trigger.kind.rawValue,
                    starts: graph.startSteps[trigger.kind] ?? [], fired: run?.trigger == trigger.kind))
        }
        let taken = run.map { $0.takenEdges(in: graph) }
        edges = graph.edges.enumerated().map { id, edge in
            let label = edge.branch.flatMap { $0 == "main" ? nil : $0 }
            return Edge(
                from: edge.from, to: edge.to, label: label, isFallback: edge.isFallback,
                taken: taken.map { $0.contains(id) })
        }
        self.nodes = nodes
        self.triggers = triggers
    }

    /// Whether a run is overlaid.
    public var hasRun: Bool { edges.contains { $0.taken != nil } || nodes.contains { $0.state != nil } }

    /// `com.datadoghq.core.if` → `core.if`.
    public static func shortAction(_ actionId: String) -> String {
        let prefix = "com.datadoghq."
        return actionId.hasPrefix(prefix) ? String(actionId.dropFirst(prefix.count)) : actionId
    }

    /// `RETRY_STRATEGY_LINEAR` with 2 retries every 1s → `retry 2× every 1s`.
    static func retryText(_ strategy: RetryStrategy) -> String {
        let interval = strategy.linear.map { $0.interval.description } ?? "0s"
        return "retry \(strategy.maxRetries)× every \(interval)"
    }

    static func operand(_ value: JSONValue) -> String {
        let text = value.stringValue ?? value.compactJSON
        let trimmed = text.trimmingPrefix("{{").trimmingPrefix(" ")
        var result = String(trimmed)
        if result.hasSuffix("}}") { result = String(result.dropLast(2)).trimmingTrailingSpaces() }
        return result.count > 40 ? String(result.prefix(39)) + "…" : result
    }

    static func operatorText(_ value: ConditionOperator) -> String {
        switch value {
        case .equal: return "=="
        case .notEqual: return "!="
        case .greaterThan: return ">"
        case .lessThan: return "<"
        case .greaterThanOrEqualTo: return ">="
        case .lessThanOrEqualTo: return "<="
        case .contains: return "contains"
        case .doesNotContain: return "does not contain"
        case .isNull: return "is null"
        case .isNotNull: return "is not null"
        case .isEmpty: return "is empty"
        case .isNotEmpty: return "is not empty"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
