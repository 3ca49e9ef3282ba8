/// A workflow's step graph, compiled once per spec version and shared by validation and the scheduler.
///
/// Steps get dense indexes in document order. Edges are stored flat, with per-step ranges of outbound and
/// inbound edge ids, so the scheduler walks them without hashing or allocating. Edges that name no step are
/// left out (validation reports them).
public struct WorkflowGraph: Sendable {
    /// One edge of the graph.
    public struct Edge: Sendable, Hashable {
        /// The step the edge leaves.
        public var from: Int
        /// The step the edge enters.
        public var to: Int
        /// The branch that takes it; `nil` for an error handler's fallback edge.
        public var branch: String?
        /// Its index in the step's `outboundEdges` (0 for a fallback edge: only the first handler is used).
        var position: Int

        /// Where the edge was written (`/steps/1/outboundEdges/0` or `/steps/1/errorHandlers/0`); built when
        /// asked (only for messages), so compiling a graph allocates nothing per edge.
        public var pointer: JSONPointer {
            JSONPointer(tokens: [
                "steps", String(from), isFallback ? "errorHandlers" : "outboundEdges", String(position),
            ])
        }

        /// Whether this is an error handler's fallback edge.
        public var isFallback: Bool { branch == nil }
    }

    /// Step names by index.
    public let names: [String]
    /// Step indexes by name (the first step of a duplicated name).
    public let indexByName: [String: Int]
    /// Every edge; an edge id is an index into this array.
    public let edges: [Edge]
    /// Start steps of each trigger kind present in the spec, in the order written.
    public let startSteps: [TriggerKind: [Int]]

    @usableFromInline let outOffsets: [Int]
    @usableFromInline let outIds: [Int]
    @usableFromInline let inOffsets: [Int]
    private let inIds: [Int]

    /// Compiles the graph of `spec`.
    public init(spec: WorkflowSpec) {
        let steps = spec.steps ?? []
        var indexByName: [String: Int] = [:]
        indexByName.reserveCapacity(steps.count)
        // Steps are read in place (`steps[index].name`): a `for step in steps` loop copies every field of each.
        for index in steps.indices where indexByName[steps[index].name] == nil {
            indexByName[steps[index].name] = index
        }
        var edges: [Edge] = []
        edges.reserveCapacity(steps.count)
        for from in steps.indices {
            for (position, edge) in (steps[from].outboundEdges ?? []).enumerated() {
                guard let to = indexByName[edge.nextStepName] else { continue }
                edges.append(Edge(from: from, to: to, branch: edge.branchName, position: position))
            }
            // Only the first error handler is used.
            if let handler = steps[from].errorHandlers?.first, let to = indexByName[handler.fallbackStepName] {
                edges.append(Edge(from: from, to: to, branch: nil, position: 0))
            }
        }
        var starts: [TriggerKind: [Int]] = [:]
        for trigger in spec.triggers ?? [] where starts[trigger.kind] == nil {
            starts[trigger.kind] = (trigger.startStepNames ?? []).compactMap { indexByName[$0] }
        }
        self.names = steps.map(\.name)
        self.indexByName = indexByName
        self.edges = edges
        self.startSteps = starts
        (outOffsets, outIds) = Self.group(edges.map(\.from), count: steps.count)
        (inOffsets, inIds) = Self.group(edges.map(\.to), count: steps.count)
    }

    /// Counting sort of edge ids by a key, as offsets (`count + 1`) and ids.
    private static func group(_ keys: [Int], count: Int) -> ([Int], [Int]) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for key in keys { offsets[key + 1] += 1 }
        for index in 0..<count { offsets[index + 1] += offsets[index] }
        var cursor = offsets
        var ids = [Int](repeating: 0, count: keys.count)
        for (id, key) in keys.enumerated() {
            ids[cursor[key]] = id
            cursor[key] += 1
        }
        return (offsets, ids)
    }

    /// How many steps the graph has.
    public var stepCount: Int { names.count }

    /// Ids of the edges leaving `step` (outbound edges in written order, then the fallback edge).
    @inlinable
    public func outboundEdgeIds(of step: Int) -> ArraySlice<Int> { outIdsSlice(step) }

    /// Positions of `step`'s outbound edges in ``outboundEdgeId(at:)``: the hot path walks them without
    /// building a slice.
    @inlinable
    public func outboundEdgePositions(of step: Int) -> Range<Int> { outOffsets[step]..<outOffsets[step + 1] }

    /// The edge id at `position` (from ``outboundEdgePositions(of:)``).
    @inlinable
    public func outboundEdgeId(at position: Int) -> Int { outIds[position] }

    /// Ids of the edges entering `step`.
    public func inboundEdgeIds(of step: Int) -> ArraySlice<Int> { inIds[inOffsets[step]..<inOffsets[step + 1]] }

    /// How many edges enter `step`.
    @inlinable
    public func inboundCount(of step: Int) -> Int { inOffsets[step + 1] - inOffsets[step] }

    @usableFromInline
    func outIdsSlice(_ step: Int) -> ArraySlice<Int> { outIds[outOffsets[step]..<outOffsets[step + 1]] }

    /// The fallback step of `step`'s first error handler, if it names a step.
    public func fallback(of step: Int) -> Int? {
        for id in outIdsSlice(step) where edges[id].isFallback { return edges[id].to }
        return nil
    }

    /// Steps reachable from `starts` by any edge (outbound or fallback), as a membership mask.
    public func reachable(from starts: [Int]) -> [Bool] {
        var seen = [Bool](repeating: false, count: stepCount)
        var stack = starts
        while let step = stack.popLast() {
            if seen[step] { continue }
            seen[step] = true
            for id in outIdsSlice(step) where !seen[edges[id].to] { stack.append(edges[id].to) }
        }
        return seen
    }

    /// The first cycle found, as step indexes with the first repeated at the end (`A, B, A`), or `nil`.
    public func firstCycle() -> [Int]? {
        // Iterative three-colour depth-first search.
        var colour = [UInt8](repeating: 0, count: stepCount)
        var parentEdgeStack: [(step: Int, next: Int)] = []
        for root in 0..<stepCount where colour[root] == 0 {
            colour[root] = 1
            parentEdgeStack.append((root, 0))
            while let top = parentEdgeStack.last {
                let out = outIdsSlice(top.step)
                if top.next < out.count {
                    parentEdgeStack[parentEdgeStack.count - 1].next += 1
                    let target = edges[out[out.startIndex + top.next]].to
                    if colour[target] == 1 {
                        let path = parentEdgeStack.map(\.step)
                        guard let start = path.firstIndex(of: target) else { continue }
                        return Array(path[start...]) + [target]
                    }
                    if colour[target] == 0 {
                        colour[target] = 1
                        parentEdgeStack.append((target, 0))
                    }
                } else {
                    colour[top.step] = 2
                    parentEdgeStack.removeLast()
                }
            }
        }
        return nil
    }
}
