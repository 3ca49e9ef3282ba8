import WorkflowModel

extension ExecutionPlan {
    /// What the scheduler reads for every step it runs and every edge it settles, packed into two flat arrays.
    ///
    /// A `PlannedStep` is a few hundred bytes (gate, retry policy, templates) and a ``WorkflowGraph/Edge`` holds
    /// its pointer; reading a step's name, constant inputs and merge rule through them streams all of it, so a
    /// 100,000-step instance outgrew the caches and cost 12× a 10,000-step one. Here a step is 40 bytes and an
    /// edge 24, laid out in the order the scheduler walks them (outbound edges of a step are contiguous).
    struct HotPath: Sendable {
        /// One step's hot fields.
        struct Step: Sendable {
            let name: String
            /// The inputs when no parameter holds a template, else `nil` (render the step's parameters).
            let constantInputs: [String: JSONValue]?
            /// The step's outbound edges (fallback last) are `edges[outboundStart..<outboundEnd]`.
            let outboundStart: Int32
            let outboundEnd: Int32
            /// How many edges enter the step.
            let inboundCount: Int32
            /// `true` for an `ANY` readiness gate.
            let waitsForAny: Bool
            /// Whether the plan's step has a completion gate to check.
            let hasCompletionGate: Bool
        }

        /// One outbound edge.
        struct Edge: Sendable {
            /// The branch that takes it; `nil` for an error handler's fallback edge.
            let branch: String?
            /// Its id in the graph (the index of its state).
            let id: Int32
            /// The step it enters.
            let to: Int32
        }

        let steps: [Step]
        /// Every edge, grouped by the step it leaves, in ``WorkflowGraph/outboundEdgePositions(of:)`` order.
        let edges: [Edge]
        /// For each trigger kind of the spec, the steps its start steps do not reach (usually none), found
        /// once here instead of by a walk of the whole graph at the start of every instance.
        let unreachable: [TriggerKind: [Int32]]

        /// Packs `graph` and `planned`.
        /// - Throws: ``PlanError`` when there are more steps or edges than 32-bit indexes can number.
        init(graph: WorkflowGraph, planned: [PlannedStep]) throws(PlanError) {
            guard graph.stepCount < Int32.max, graph.edges.count < Int32.max, planned.count == graph.stepCount else {
                throw PlanError(
                    pointer: JSONPointer.root.appending("steps"),
                    message: "a workflow has fewer than 2,147,483,647 steps and edges")
            }
            var edges: [Edge] = []
            edges.reserveCapacity(graph.edges.count)
            var steps: [Step] = []
            steps.reserveCapacity(planned.count)
            for (index, step) in planned.enumerated() {
                let start = Int32(edges.count)
                for position in graph.outboundEdgePositions(of: index) {
                    let id = graph.outboundEdgeId(at: position)
                    let edge = graph.edges[id]
                    edges.append(Edge(branch: edge.branch, id: Int32(id), to: Int32(edge.to)))
                }
                steps.append(
                    Step(
                        name: step.name, constantInputs: step.parameters.constantInputs, outboundStart: start,
                        outboundEnd: Int32(edges.count), inboundCount: Int32(graph.inboundCount(of: index)),
                        waitsForAny: step.waitsForAny, hasCompletionGate: step.completionGate != nil))
            }
            self.steps = steps
            self.edges = edges
            self.unreachable = graph.startSteps.mapValues { starts in
                let reachable = graph.reachable(from: starts)
                return reachable.indices.filter { !reachable[$0] }.map { Int32($0) }
            }
        }
    }
}

extension ExecutionPlan.HotPath {
    /// The steps `trigger`'s start steps do not reach: every step when the spec has no such trigger.
    func unreachableSteps(for trigger: TriggerKind) -> [Int32] {
        unreachable[trigger] ?? Array(0..<Int32(steps.count))
    }

    /// Positions in ``edges`` of the edges leaving `step`.
    @inline(__always)
    func outboundPositions(of step: Int) -> Range<Int> {
        Int(steps[step].outboundStart)..<Int(steps[step].outboundEnd)
    }
}
