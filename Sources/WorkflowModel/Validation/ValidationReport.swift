/// The outcome of validating a spec: the typed spec and its compiled graph when it decodes, and every issue.
///
/// Errors and warnings are kept apart by severity; the spec is valid when there is no error. Pointers are
/// relative to the document validated; ``prefixed(by:)`` places them inside a request body.
public struct ValidationReport: Sendable {
    /// The typed spec, when the JSON has the schema's shape.
    public var spec: WorkflowSpec?
    /// The step graph, compiled once, when the spec decoded.
    public var graph: WorkflowGraph?
    /// Every problem found, errors and warnings.
    public var issues: [ValidationIssue]

    /// Creates a report.
    public init(spec: WorkflowSpec?, graph: WorkflowGraph?, issues: [ValidationIssue]) {
        self.spec = spec
        self.graph = graph
        self.issues = issues
    }

    /// Decodes and validates the spec document `json` (docs/semantics.md#spec).
    public init(validating json: JSONValue) {
        if let legacy = LegacyFormat.issue(in: json) {
            self.init(spec: nil, graph: nil, issues: [legacy])
            return
        }
        let nonFinite = NonFiniteNumbers.issues(in: json)
        switch SpecDecoder().decode(json) {
        case .failure(let failure):
            self.init(spec: nil, graph: nil, issues: nonFinite + failure.issues)
        case .success(let spec):
            self.init(validating: spec)
            issues = nonFinite + issues
        }
    }

    /// Validates an already-typed spec, compiling its graph once.
    public init(validating spec: WorkflowSpec) {
        let graph = WorkflowGraph(spec: spec)
        self.init(spec: spec, graph: graph, issues: SpecValidator.issues(of: spec, graph: graph))
    }

    /// Whether the spec decoded and has no error (warnings are allowed).
    public var isValid: Bool { spec != nil && !issues.contains { $0.severity == .error } }

    /// The errors, in the order found.
    public var errors: [ValidationIssue] { issues.filter { $0.severity == .error } }

    /// The warnings, in the order found.
    public var warnings: [ValidationIssue] { issues.filter { $0.severity == .warning } }

    /// The same report with every pointer placed below `prefix` (``JSONPointer/envelopeSpec`` for an API body).
    public func prefixed(by prefix: JSONPointer) -> ValidationReport {
        ValidationReport(spec: spec, graph: graph, issues: issues.prefixed(by: prefix))
    }

    /// The validated workflow, when there is no error.
    public var validated: ValidatedWorkflow? {
        guard isValid, let spec, let graph else { return nil }
        return ValidatedWorkflow(spec: spec, graph: graph, warnings: warnings)
    }
}

/// A spec that passed validation, with its compiled graph: what the scheduler runs.
public struct ValidatedWorkflow: Sendable {
    /// The typed spec.
    public var spec: WorkflowSpec
    /// The step graph, compiled once.
    public var graph: WorkflowGraph
    /// Problems reported but not refused.
    public var warnings: [ValidationIssue]
}
