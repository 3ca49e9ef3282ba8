/// Loop rules (docs/loops.md): a body is entered only through its loop's `loopStart` edges, loops do not nest,
/// `core.break` lives inside a body, and a forLoop's own `startStepNames` parameter is checked against the spec.
extension SpecValidator {
    mutating func checkLoops() {
        let steps = spec.steps ?? []
        let structure = LoopStructure(graph: graph, actionIds: steps.map(\.actionId))
        guard !structure.isEmpty else { return }
        for loop in structure.loops {
            let name = graph.names[loop.step]
            let position = String(loop.step)
            if let outer = structure.loops.first(where: { $0.step != loop.step && $0.body.contains(loop.step) }) {
                error(
                    at("steps", position, "actionId"),
                    "loop \"\(name)\" is inside the body of loop \"\(graph.names[outer.step])\": nested loops are not supported"
                )
            }
            if loop.entryEdges.isEmpty {
                warning(at("steps", position), "loop \"\(name)\" has no loopStart edge: its body is empty")
            }
            checkBodyEntries(of: loop, structure: structure)
            checkLoopParameters(of: steps[loop.step], loop: loop, at: position)
        }
        for (step, kind) in structure.control.enumerated() where kind == .loopBreak && structure.bodyLoop[step] == nil {
            error(
                at("steps", String(step), "actionId"),
                "break step \"\(graph.names[step])\" is not inside a loop body")
        }
        for (index, trigger) in (spec.triggers ?? []).enumerated() {
            for (position, name) in (trigger.startStepNames ?? []).enumerated() {
                guard let step = graph.indexByName[name], let loop = structure.bodyLoop[step] else { continue }
                error(
                    at("triggers", String(index), "startStepNames", String(position)),
                    "start step \"\(name)\" is inside the body of loop \"\(graph.names[structure.loops[loop].step])\"")
            }
        }
    }

    /// Every edge into a body step comes from the same body or is one of the loop's `loopStart` edges.
    private mutating func checkBodyEntries(of loop: LoopStructure.Loop, structure: LoopStructure) {
        let loopName = graph.names[loop.step]
        for member in loop.body {
            for id in graph.inboundEdgeIds(of: member) {
                let edge = graph.edges[id]
                if loop.entryEdges.contains(id) || structure.bodyLoop[edge.from] == structure.bodyLoop[member] {
                    continue
                }
                error(
                    edge.pointer,
                    "edge from \"\(graph.names[edge.from])\" enters the body of loop \"\(loopName)\" at \"\(graph.names[member])\": a loop body is entered only through its loopStart edge"
                )
            }
        }
    }

    /// `inputList` (forLoop) and `conditions` (whileLoop) are required; a forLoop's `startStepNames` naming no
    /// step is a warning (Datadog's exports carry such names; the body comes from the `loopStart` edge).
    private mutating func checkLoopParameters(of step: Step, loop: LoopStructure.Loop, at position: String) {
        let parameters = step.parameters ?? []
        let required = loop.kind == .forLoop ? "inputList" : "conditions"
        if !parameters.contains(where: { $0.name == required }) {
            error(at("steps", position, "parameters"), "loop \"\(step.name)\" needs the parameter \"\(required)\"")
        }
        guard let index = parameters.firstIndex(where: { $0.name == "startStepNames" }),
            case .array(let names) = parameters[index].value
        else { return }
        for (number, value) in names.enumerated() {
            guard case .string(let name) = value, graph.indexByName[name] == nil else { continue }
            warning(
                at("steps", position, "parameters", String(index), "value", String(number)),
                "startStepNames names no step \"\(name)\"; the loop body is taken from its loopStart edge")
        }
    }
}
