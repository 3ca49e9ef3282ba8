import WorkflowModel

/// The baseline the runtime is compared with: a plain Swift `TaskGroup` running the same DAG, one child task per
/// step (a noop), a step starting once all its predecessors finished. No journal, no templates, no store.
public struct TaskGroupDAG: Sendable {
    let successors: [[Int]]
    let indegree: [Int]
    let starts: [Int]

    /// The DAG of `spec`'s steps and edges, started at its workflow trigger's start steps.
    public init(spec: WorkflowSpec) {
        let graph = WorkflowGraph(spec: spec)
        var successors = [[Int]](repeating: [], count: graph.stepCount)
        var indegree = [Int](repeating: 0, count: graph.stepCount)
        for edge in graph.edges {
            successors[edge.from].append(edge.to)
            indegree[edge.to] += 1
        }
        self.successors = successors
        self.indegree = indegree
        self.starts = graph.startSteps[.workflow] ?? []
    }

    /// How many steps the DAG has.
    public var stepCount: Int { indegree.count }

    /// Runs every step once as a child task; returns how many ran.
    public func run() async -> Int {
        var remaining = indegree
        var finished = 0
        await withTaskGroup(of: Int.self) { group in
            for step in starts { group.addTask { await Self.noop(step) } }
            while let step = await group.next() {
                finished += 1
                for next in successors[step] {
                    remaining[next] -= 1
                    if remaining[next] == 0 { group.addTask { await Self.noop(next) } }
                }
            }
        }
        return finished
    }

    /// `instances` runs of the DAG at once, each its own child task.
    public func run(instances: Int) async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<instances { group.addTask { await self.run() } }
            var total = 0
            for await steps in group { total += steps }
            return total
        }
    }

    @inline(never)
    static func noop(_ step: Int) async -> Int { step }
}
