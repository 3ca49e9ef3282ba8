extension SpecValidator {
    /// Warns about `Steps.X` / `Steps[X]` in a step's parameters when X is not upstream of that step.
    ///
    /// A plain scan of string values, not the template parser: good enough to catch a misspelt or misplaced
    /// step name. Upstream steps are found by a backward search from the using step that stops as soon as
    /// every name it uses is found, so a chain where each step reads its predecessor stays linear.
    mutating func checkTemplateReferences() {
        let structure = LoopStructure(graph: graph, actionIds: (spec.steps ?? []).map(\.actionId))
        let bodies = Dictionary(structure.loops.map { ($0.step, $0.body) }, uniquingKeysWith: { first, _ in first })
        for (index, step) in (spec.steps ?? []).enumerated() {
            guard let parameters = step.parameters, !parameters.isEmpty else { continue }
            var references: [(parameter: Int, name: String)] = []
            for (number, parameter) in parameters.enumerated() {
                var names: Set<String> = []
                TemplateReferences.collect(in: parameter.value, into: &names)
                references += names.sorted().map { (number, $0) }
            }
            guard !references.isEmpty else { continue }
            let upstream = upstreamSteps(of: index, among: Set(references.map(\.name)), loopBodies: bodies)
            for (number, name) in references where !upstream.contains(name) {
                let pointer = at("steps", String(index), "parameters", String(number), "value")
                if graph.indexByName[name] == nil {
                    warning(pointer, "template names step \"\(name)\", which does not exist")
                } else {
                    warning(pointer, "template names step \"\(name)\", which is not upstream of step \"\(step.name)\"")
                }
            }
        }
    }

    /// The names in `wanted` that are strict ancestors of `step`. A loop step reached other than through its
    /// `loopStart` edge brings its body (`loopBodies`, by loop step) along: the body has run before it settles.
    func upstreamSteps(of step: Int, among wanted: Set<String>, loopBodies: [Int: [Int]] = [:]) -> Set<String> {
        var remaining = wanted.filter { graph.indexByName[$0] != nil }
        var found: Set<String> = []
        guard !remaining.isEmpty else { return found }
        var seen: Set<Int> = [step]
        var stack = [step]
        while let current = stack.popLast() {
            for id in graph.inboundEdgeIds(of: current) {
                let edge = graph.edges[id]
                var sources = [edge.from]
                if edge.branch != LoopStructure.Control.loopStartBranch, let body = loopBodies[edge.from] {
                    sources += body
                }
                for source in sources {
                    guard seen.insert(source).inserted else { continue }
                    let name = graph.names[source]
                    if remaining.remove(name) != nil {
                        found.insert(name)
                        if remaining.isEmpty { return found }
                    }
                    stack.append(source)
                }
            }
        }
        // A step on a cycle through `step` reaches itself; that is reported as a cycle, not here.
        return found
    }
}

/// Finds step names used as `Steps.<name>` or `Steps[<name>]` in string values.
enum TemplateReferences {
    /// Adds the step names that strings anywhere in `value` use.
    static func collect(in value: JSONValue, into names: inout Set<String>) {
        switch value {
        case .string(let text): scan(text, into: &names)
        case .array(let items): for item in items { collect(in: item, into: &names) }
        case .object(let members): for member in members.values { collect(in: member, into: &names) }
        case .null, .bool, .number: return
        }
    }

    /// Adds the step names `text` uses.
    static func scan(_ text: String, into names: inout Set<String>) {
        let bytes = Array(text.utf8)
        let keyword = Array("Steps".utf8)
        guard bytes.count > keyword.count else { return }
        var index = 0
        while index + keyword.count < bytes.count {
            defer { index += 1 }
            guard bytes[index..<index + keyword.count].elementsEqual(keyword) else { continue }
            if index > 0, isIdentifier(bytes[index - 1]) { continue }
            var cursor = index + keyword.count
            var name: [UInt8] = []
            if bytes[cursor] == UInt8(ascii: ".") {
                cursor += 1
                while cursor < bytes.count, isIdentifier(bytes[cursor]) {
                    name.append(bytes[cursor])
                    cursor += 1
                }
            } else if bytes[cursor] == UInt8(ascii: "[") {
                cursor += 1
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                let quote =
                    cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "'") || bytes[cursor] == UInt8(ascii: "\""))
                if quote { cursor += 1 }
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "]"), bytes[cursor] != UInt8(ascii: "'"),
                    bytes[cursor] != UInt8(ascii: "\"")
                {
                    name.append(bytes[cursor])
                    cursor += 1
                }
                while name.last == UInt8(ascii: " ") { name.removeLast() }
            }
            if !name.isEmpty { names.insert(String(decoding: name, as: UTF8.self)) }
        }
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte >= 0x80
    }
}
