/// The loops of a workflow graph: which steps are loop steps, and which steps form each loop's body.
///
/// A loop step is a `core.forLoop` or `core.whileLoop` step. Its body is every step reachable from its
/// `loopStart` edges (by any edge, fallbacks included); body steps have no edge back, and an iteration ends when
/// every body step has settled. Computed once per spec version, shared by validation and the execution plan.
public struct LoopStructure: Sendable {
    /// The kind of a control-flow step the scheduler runs itself.
    public enum Control: UInt8, Sendable, Hashable {
        /// `com.datadoghq.core.forLoop`: the body runs once per `inputList` element.
        case forLoop
        /// `com.datadoghq.core.whileLoop`: the body runs while `conditions` hold.
        case whileLoop
        /// `com.datadoghq.core.break`: the loop ends after the current iteration.
        case loopBreak

        /// The control kind of an action id, if it is one.
        public init?(actionId: String) {
            switch actionId {
            case Self.forLoopId: self = .forLoop
            case Self.whileLoopId: self = .whileLoop
            case Self.breakId: self = .loopBreak
            default: return nil
            }
        }

        public static let forLoopId = "com.datadoghq.core.forLoop"
        public static let whileLoopId = "com.datadoghq.core.whileLoop"
        public static let breakId = "com.datadoghq.core.break"
        /// The branch of the edges that enter a loop's body.
        public static let loopStartBranch = "loopStart"
    }

    /// One loop.
    public struct Loop: Sendable {
        /// The loop step's index.
        public var step: Int
        public var kind: Control
        /// Body steps, in ascending index order.
        public var body: [Int]
        /// The `loopStart` edges (ids into ``WorkflowGraph/edges``).
        public var entryEdges: [Int]
        /// Edges between body steps (fallbacks included): reset at the start of every iteration.
        public var bodyEdges: [Int]
    }

    /// Every loop, in spec order of its loop step.
    public let loops: [Loop]
    /// For each step, the index in ``loops`` of the loop whose body holds it (the innermost one), else `nil`.
    public let bodyLoop: [Int?]
    /// For each step, its control kind, else `nil`.
    public let control: [Control?]

    /// Finds the loops of `graph`, whose steps have action ids `actionIds` (by index).
    public init(graph: WorkflowGraph, actionIds: [String]) {
        var control: [Control?] = actionIds.map { Control(actionId: $0) }
        if control.count < graph.stepCount { control += Array(repeating: nil, count: graph.stepCount - control.count) }
        var loops: [Loop] = []
        var bodyLoop = [Int?](repeating: nil, count: graph.stepCount)
        for step in 0..<graph.stepCount {
            guard let kind = control[step], kind != .loopBreak else { continue }
            let entries = graph.outboundEdgeIds(of: step).filter {
                graph.edges[$0].branch == Control.loopStartBranch
            }
            var inBody = graph.reachable(from: entries.map { graph.edges[$0].to })
            // A cycle through the loop step is validation's error; the loop step is never its own body.
            inBody[step] = false
            let body = inBody.indices.filter { inBody[$0] }
            let bodyEdges = graph.edges.indices.filter { inBody[graph.edges[$0].from] && inBody[graph.edges[$0].to] }
            for member in body where bodyLoop[member] == nil { bodyLoop[member] = loops.count }
            loops.append(Loop(step: step, kind: kind, body: body, entryEdges: entries, bodyEdges: bodyEdges))
        }
        self.loops = loops
        self.bodyLoop = bodyLoop
        self.control = control
    }

    /// Whether the graph has any loop or break step.
    public var isEmpty: Bool { loops.isEmpty && !control.contains { $0 != nil } }
}
