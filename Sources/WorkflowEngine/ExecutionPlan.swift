import WorkflowModel

/// A workflow version compiled for running: the graph, and per step everything the scheduler reads on its hot
/// path. Built once per workflow version and shared, read-only, by every instance of it.
public final class ExecutionPlan: Sendable {
    /// What the scheduler needs to know about one step.
    public struct PlannedStep: Sendable {
        public var name: String
        public var actionId: String
        public var connectionLabel: String?
        /// `true` for an `ANY` readiness gate.
        public var waitsForAny: Bool
        /// The completion gate, its operands parsed once.
        public var completionGate: CompiledGate?
        /// The first error handler's retry policy, if the step has one.
        public var errorHandler: RetryStrategy?
        /// The step's parameters, parsed once.
        public var parameters: StepParameters
        /// `forLoop`, `whileLoop` or `break`: control flow the scheduler runs itself (docs/loops.md).
        public var control: LoopStructure.Control?
    }

    /// The workflow's id (`WorkflowId` in templates).
    public let workflowId: String
    /// The workflow's name (`WorkflowName` in templates).
    public let workflowName: String
    /// The spec the plan was compiled from.
    public let spec: WorkflowSpec
    /// The compiled step graph.
    public let graph: WorkflowGraph
    /// Steps by dense index.
    public let steps: [PlannedStep]
    /// Workflow outputs, parsed once.
    public let outputs: WorkflowOutputs
    /// Loop steps and their bodies (empty for a loop-free workflow).
    public let loops: LoopStructure
    /// The steps' and edges' fields the scheduler reads on every turn, packed.
    let hotPath: HotPath

    /// Compiles `spec`.
    /// - Throws: ``PlanError`` when a parameter or output template does not parse (naming the step and
    ///   parameter). Other problems are validation's job and are assumed checked.
    public init(
        spec: WorkflowSpec, graph: WorkflowGraph? = nil, workflowId: String = "", workflowName: String = ""
    )
        throws(PlanError)
    {
        self.workflowId = workflowId
        self.workflowName = workflowName
        self.spec = spec
        let graph = graph ?? WorkflowGraph(spec: spec)
        self.graph = graph
        let loops = LoopStructure(graph: graph, actionIds: (spec.steps ?? []).map(\.actionId))
        self.loops = loops
        var planned: [PlannedStep] = []
        planned.reserveCapacity(graph.stepCount)
        for (index, step) in (spec.steps ?? []).enumerated() {
            // Built only for an error: a pointer per step would allocate on every compile.
            var pointer: JSONPointer { JSONPointer.root.appending("steps").appending(index) }
            let parameters: StepParameters
            let gate: CompiledGate?
            do {
                parameters = try StepParameters(
                    step.parameters ?? [], actionId: step.actionId, indexByName: graph.indexByName)
            } catch {
                throw PlanError(pointer: pointer.appending("parameters"), message: error.message)
            }
            do {
                gate = try step.completionGate.map { gate throws(TemplateError) in
                    try CompiledGate(gate, indexByName: graph.indexByName)
                }
            } catch {
                throw PlanError(pointer: pointer.appending("completionGate"), message: error.message)
            }
            planned.append(
                PlannedStep(
                    name: step.name,
                    actionId: step.actionId,
                    connectionLabel: step.connectionLabel,
                    waitsForAny: step.readinessGate?.thresholdType == .any,
                    completionGate: gate,
                    errorHandler: step.errorHandlers?.first?.retryStrategy,
                    parameters: parameters,
                    control: loops.control[index]
                ))
        }
        self.steps = planned
        self.hotPath = try HotPath(graph: graph, planned: planned)
        do {
            self.outputs = try WorkflowOutputs(spec.outputSchema?.parameters ?? [], indexByName: graph.indexByName)
        } catch {
            throw PlanError(pointer: JSONPointer.root.appending("outputSchema"), message: error.message)
        }
    }
}

/// A spec that cannot be compiled.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    /// Where in the spec.
    public var pointer: JSONPointer
    public var message: String
    public var description: String { "\(pointer): \(message)" }
}
