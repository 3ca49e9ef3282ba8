/// Renders a `GraphPicture` as Mermaid (`flowchart TD`) and Graphviz DOT text.
public enum GraphText {
    /// The text lines of a step node: name, action, merge, gate and retry notes, run note.
    static func lines(of node: GraphPicture.Node) -> [String] {
        var lines = [node.name, node.action]
        if let merge = node.merge { lines.append("merge: \(merge)") }
        lines += node.notes
        if let state = node.state {
            lines.append(node.runNote.map { "\(state.title) · \($0)" } ?? state.title)
        }
        return lines
    }

    /// `workflowTrigger` → `workflow trigger`.
    static func triggerTitle(_ kind: String) -> String {
        kind.hasSuffix("Trigger") ? String(kind.dropLast("Trigger".count)) + " trigger" : kind
    }

    static let deadEdge = "#c0c0c0"

    /// Mermaid flowchart text.
    public static func mermaid(_ picture: GraphPicture) -> String {
        var out = ["flowchart TD"]
        for trigger in picture.triggers {
            out.append("    \(trigger.id)([\"\(mermaidEscape(triggerTitle(trigger.kind)))\"])")
        }
        for node in picture.nodes {
            let label = lines(of: node).map(mermaidEscape).joined(separator: "<br/>")
            out.append("    \(node.id)[\"\(label)\"]")
        }
        var linkIndex = 0
        var dead: [Int] = []
        for trigger in picture.triggers {
            for start in trigger.starts where start < picture.nodes.count {
                out.append("    \(trigger.id) --> \(picture.nodes[start].id)")
                if picture.hasRun && !trigger.fired { dead.append(linkIndex) }
                linkIndex += 1
            }
        }
        for edge in picture.edges {
            let from = picture.nodes[edge.from].id
            let to = picture.nodes[edge.to].id
            if edge.isFallback {
                out.append("    \(from) -.->|\"on error\"| \(to)")
            } else if let label = edge.label {
                out.append("    \(from) -->|\"\(mermaidEscape(label))\"| \(to)")
            } else {
                out.append("    \(from) --> \(to)")
            }
            if edge.taken == false { dead.append(linkIndex) }
            linkIndex += 1
        }
        if picture.hasRun {
            for state in StepRunState.allCases {
                out.append("    classDef \(state.rawValue) fill:\(state.fill),stroke:\(state.stroke),color:#000")
            }
            for node in picture.nodes {
                if let state = node.state { out.append("    class \(node.id) \(state.rawValue)") }
            }
            if !dead.isEmpty {
                let ids = dead.map(String.init).joined(separator: ",")
                out.append("    linkStyle \(ids) stroke:\(deadEdge),color:\(deadEdge)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Graphviz DOT text.
    public static func dot(_ picture: GraphPicture) -> String {
        var out = [
            "digraph workflow {",
            "    rankdir=TB;",
            "    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];",
            "    edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for trigger in picture.triggers {
            var attributes = "label=\"\(dotEscape(triggerTitle(trigger.kind)))\", shape=oval, fillcolor=\"#e8eaf6\""
            if picture.hasRun && !trigger.fired { attributes += ", color=\"\(deadEdge)\", fontcolor=\"#9e9e9e\"" }
            out.append("    \(trigger.id) [\(attributes)];")
        }
        for node in picture.nodes {
            let label = lines(of: node).map(dotEscape).joined(separator: "\\n")
            var attributes = "label=\"\(label)\""
            if node.merge != nil { attributes += ", peripheries=2" }
            if let state = node.state {
                attributes += ", fillcolor=\"\(state.fill)\", color=\"\(state.stroke)\""
                if state == .notReached || state == .skipped { attributes += ", fontcolor=\"#757575\"" }
            }
            out.append("    \(node.id) [\(attributes)];")
        }
        for trigger in picture.triggers {
            for start in trigger.starts where start < picture.nodes.count {
                let dead = picture.hasRun && !trigger.fired
                out.append("    \(trigger.id) -> \(picture.nodes[start].id)\(dead ? " [color=\"\(deadEdge)\"]" : "");")
            }
        }
        for edge in picture.edges {
            var attributes: [String] = []
            if edge.isFallback {
                attributes += ["style=dashed", "label=\"on error\""]
            } else if let label = edge.label {
                attributes.append("label=\"\(dotEscape(label))\"")
            }
            if edge.taken == false { attributes += ["color=\"\(deadEdge)\"", "fontcolor=\"\(deadEdge)\""] }
            if edge.taken == true { attributes.append("penwidth=2") }
            let suffix = attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]"
            out.append("    \(picture.nodes[edge.from].id) -> \(picture.nodes[edge.to].id)\(suffix);")
        }
        out.append("}")
        return out.joined(separator: "\n") + "\n"
    }

    /// Escapes text for a quoted Mermaid label (entity codes for the characters Mermaid parses).
    static func mermaidEscape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "#": result += "#35;"
            case "\"": result += "#quot;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "&": result += "#amp;"
            case "|": result += "#124;"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// Escapes text for a quoted DOT string.
    static func dotEscape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}
