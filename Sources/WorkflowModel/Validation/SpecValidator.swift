/// The rules of docs/semantics.md#spec that hold between the parts of a decoded spec: names, references, triggers, the
/// graph, retry settings, parameter types. Errors and warnings both land in ``issues``.
struct SpecValidator {
    /// Datadog's limit on steps per workflow; more is a warning.
    static let stepLimit = 100
    /// The most retries a retry strategy may ask for (docs/workflow-files.md: a bound of Stepwise's own).
    static let maxRetriesLimit = 10_000

    let spec: WorkflowSpec
    let graph: WorkflowGraph
    private(set) var issues: [ValidationIssue] = []

    init(spec: WorkflowSpec, graph: WorkflowGraph) {
        self.spec = spec
        self.graph = graph
    }

    /// Every issue of `spec`, whose graph is `graph`.
    static func issues(of spec: WorkflowSpec, graph: WorkflowGraph) -> [ValidationIssue] {
        var validator = SpecValidator(spec: spec, graph: graph)
        validator.checkLimits()
        // A spec over the step limit is refused as it is: checking it further is the cost the limit avoids.
        if (spec.steps?.count ?? 0) > WorkflowLimits.maximumSteps { return validator.issues }
        validator.checkTriggers()
        validator.checkSteps()
        validator.checkCycle()
        validator.checkLoops()
        validator.checkSchemas()
        validator.checkReachability()
        validator.checkTemplateReferences()
        validator.checkConditions()
        validator.checkTemplateSyntax()
        validator.checkParameterNumbers()
        return validator.issues
    }

    func at(_ tokens: String...) -> JSONPointer { JSONPointer(tokens: tokens) }

    mutating func error(_ pointer: JSONPointer, _ detail: String) { issues.append(.error(pointer, detail)) }
    mutating func warning(_ pointer: JSONPointer, _ detail: String) { issues.append(.warning(pointer, detail)) }

    // MARK: Triggers

    mutating func checkTriggers() {
        let triggers = spec.triggers ?? []
        guard !triggers.isEmpty else {
            return error(at("triggers"), "no trigger found. At least one trigger is required.")
        }
        var firstIndex: [TriggerKind: Int] = [:]
        for (index, trigger) in triggers.enumerated() {
            if let first = firstIndex[trigger.kind] {
                error(
                    at("triggers", String(index), trigger.kind.rawValue),
                    "trigger kind \"\(trigger.kind.rawValue)\" appears more than once (first at /triggers/\(first))")
            } else {
                firstIndex[trigger.kind] = index
            }
            checkSchedule(trigger, index: index)
            if let interval = trigger.options.rateLimit?.interval, interval.exceedsInstanceLifetime {
                error(
                    at("triggers", String(index), trigger.kind.rawValue, "rateLimit", "interval"),
                    interval.tooLongMessage)
            }
            for (position, name) in (trigger.startStepNames ?? []).enumerated() where graph.indexByName[name] == nil {
                error(
                    at("triggers", String(index), "startStepNames", String(position)),
                    "start step \"\(name)\" names no step")
            }
        }
        if firstIndex[.workflow] != nil, firstIndex.count > 1 {
            for (index, trigger) in triggers.enumerated() where trigger.kind == .workflow {
                error(
                    at("triggers", String(index), "workflowTrigger"),
                    "workflowTrigger cannot be combined with other triggers")
            }
        }
    }

    // MARK: Steps

    mutating func checkSteps() {
        let steps = spec.steps ?? []
        if steps.count > Self.stepLimit {
            warning(at("steps"), "workflow has \(steps.count) steps; Datadog allows at most \(Self.stepLimit)")
        }
        var labels: Set<String> = []
        for env in spec.connectionEnvs ?? [] {
            for connection in env.connections ?? [] { labels.insert(connection.label) }
            for group in env.connectionGroups ?? [] { labels.insert(group.label) }
        }
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(steps.count)
        for (index, step) in steps.enumerated() {
            let position = String(index)
            if step.name.isEmpty {
                error(at("steps", position, "name"), "step name must not be empty")
            } else if let first = firstIndex[step.name] {
                error(at("steps", position, "name"), "duplicate step name \"\(step.name)\" (first at /steps/\(first))")
            } else {
                firstIndex[step.name] = index
            }
            if step.actionId.isEmpty {
                error(at("steps", position, "actionId"), "actionId must not be empty")
            }
            if let label = step.connectionLabel, !labels.contains(label) {
                // Datadog's catalog ships blueprints this way; a run looks the label up in --connections.
                warning(
                    at("steps", position, "connectionLabel"),
                    "connection label \"\(label)\" is not defined in connectionEnvs; a real run looks it up in the connections file"
                )
            }
            checkEdges(of: step, at: position)
            checkHandlers(of: step, at: position)
            if let gate = step.completionGate {
                checkRetry(gate.retryStrategy, at: ["steps", position, "completionGate", "retryStrategy"])
            }
            if step.readinessGate != nil, graph.inboundCount(of: index) == 1 {
                warning(
                    at("steps", position, "readinessGate"),
                    "readinessGate has no effect: step \"\(step.name)\" has one inbound edge")
            }
        }
    }

    mutating func checkEdges(of step: Step, at position: String) {
        for (number, edge) in (step.outboundEdges ?? []).enumerated() {
            if graph.indexByName[edge.nextStepName] == nil {
                error(
                    at("steps", position, "outboundEdges", String(number), "nextStepName"),
                    "nextStepName \"\(edge.nextStepName)\" names no step")
            }
            if edge.branchName.isEmpty {
                error(
                    at("steps", position, "outboundEdges", String(number), "branchName"), "branchName must not be empty"
                )
            }
        }
    }

    mutating func checkHandlers(of step: Step, at position: String) {
        let handlers = step.errorHandlers ?? []
        for (number, handler) in handlers.enumerated() {
            if graph.indexByName[handler.fallbackStepName] == nil {
                error(
                    at("steps", position, "errorHandlers", String(number), "fallbackStepName"),
                    "fallbackStepName \"\(handler.fallbackStepName)\" names no step")
            }
            checkRetry(
                handler.retryStrategy, at: ["steps", position, "errorHandlers", String(number), "retryStrategy"])
        }
        if handlers.count > 1 {
            warning(
                at("steps", position, "errorHandlers", "1"),
                "step \"\(step.name)\" has \(handlers.count) error handlers; only the first is used")
        }
    }

    mutating func checkRetry(_ strategy: RetryStrategy, at tokens: [String]) {
        guard let linear = strategy.linear else { return }
        let value = linear.maxRetries
        guard value.isFinite, value >= 0, value.rounded() == value, value <= Double(Self.maxRetriesLimit) else {
            if linear.interval.exceedsInstanceLifetime {
                error(JSONPointer(tokens: tokens + ["linear", "interval"]), linear.interval.tooLongMessage)
            }
            return error(
                JSONPointer(tokens: tokens + ["linear", "maxRetries"]),
                "maxRetries must be a whole number from 0 to \(Self.maxRetriesLimit), got \(JSONValue.format(number: value))"
            )
        }
        if linear.interval.exceedsInstanceLifetime {
            return error(JSONPointer(tokens: tokens + ["linear", "interval"]), linear.interval.tooLongMessage)
        }
        // Both factors are bounded (maxRetries ≤ 10,000, the interval ≤ 604,800 s): the product cannot overflow.
        let total = Int64(value) * linear.interval.seconds
        if total > SpecDuration.maximumSeconds {
            warning(
                JSONPointer(tokens: tokens),
                "\(Int64(value)) retries \(linear.interval.text) apart wait \(total)s, longer than the 7-day instance limit (\(SpecDuration.maximumSeconds)s): the instance would be stopped first"
            )
        }
    }

    // MARK: Graph

    mutating func checkCycle() {
        guard let cycle = graph.firstCycle(), cycle.count >= 2 else { return }
        let path = cycle.map { graph.names[$0] }.joined(separator: " -> ")
        let from = cycle[cycle.count - 2]
        let to = cycle[cycle.count - 1]
        var pointer = at("steps", String(from))
        if let id = graph.outboundEdgeIds(of: from).first(where: { graph.edges[$0].to == to }) {
            let edge = graph.edges[id]
            pointer = edge.pointer.appending(edge.isFallback ? "fallbackStepName" : "nextStepName")
        }
        error(pointer, "cycle in the step graph: \(path)")
    }

    mutating func checkReachability() {
        let starts = graph.startSteps.values.flatMap { $0 }
        guard !(spec.triggers ?? []).isEmpty else { return }
        let reached = graph.reachable(from: starts)
        for (index, name) in graph.names.enumerated() where !reached[index] {
            warning(at("steps", String(index)), "step \"\(name)\" is not reachable from any trigger")
        }
    }

    // MARK: Input and output schemas

    mutating func checkSchemas() {
        for (index, parameter) in (spec.inputSchema?.parameters ?? []).enumerated() {
            checkParameter(
                "input", parameter.name, parameter.type, parameter.defaultValue,
                at: ["inputSchema", "parameters", String(index)])
        }
        for (index, parameter) in (spec.outputSchema?.parameters ?? []).enumerated() {
            checkParameter(
                "output", parameter.name, parameter.type, parameter.defaultValue,
                at: ["outputSchema", "parameters", String(index)])
        }
    }

    mutating func checkParameter(
        _ role: String, _ name: String, _ type: String, _ value: JSONValue?, at tokens: [String]
    ) {
        guard let parameterType = ParameterType(rawValue: type) else {
            let known = ParameterType.allCases.map(\.rawValue).joined(separator: ", ")
            return error(
                JSONPointer(tokens: tokens + ["type"]), "unknown parameter type \"\(type)\"; expected one of \(known)")
        }
        if let value, !parameterType.matches(value) {
            error(
                JSONPointer(tokens: tokens + ["defaultValue"]),
                "default value of \(role) \"\(name)\" must be \(parameterType.phrase), got \(value.typeName)")
        }
    }
}
