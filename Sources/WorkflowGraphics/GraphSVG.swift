/// A built-in layered SVG layout of a `GraphPicture`, so pictures work without Graphviz: layers by longest path
/// from the triggers, nodes in centred rows ordered by their predecessors, edges as curves between them.
public enum GraphSVG {
    struct Box {
        var x: Double
        var y: Double
        var width: Double
        var height: Double
        var lines: [String]
    }

    static let gapX = 36.0
    static let gapY = 64.0
    static let margin = 20.0
    static let lineHeight = 15.0

    /// The picture as an `<svg>` element; `standalone` adds the SVG namespace a separate file needs (inline in
    /// HTML it is implied).
    public static func svg(_ picture: GraphPicture, standalone: Bool = false) -> String {
        let triggerCount = picture.triggers.count
        // Items: triggers first (0..<triggerCount), then steps, then the bends of edges that span several rows.
        var lines: [[String]] = picture.triggers.map { [GraphText.triggerTitle($0.kind)] }
        lines += picture.nodes.map(GraphText.lines(of:))
        var routes = routes(of: picture)
        var successors = [[Int]](repeating: [], count: lines.count)
        for route in routes { successors[route.from].append(route.to) }
        var layers = layering(successors: successors)
        var boxes = lines.map { itemLines in
            let longest = itemLines.map(\.count).max() ?? 0
            let width = min(300, max(140, Double(longest) * 6.8 + 24))
            return Box(x: 0, y: 0, width: width, height: 14 + Double(itemLines.count) * lineHeight, lines: itemLines)
        }
        // Long edges pass through a narrow bend in each row they cross, so they go around nodes.
        var chains = [[Int]](repeating: [], count: lines.count)
        for index in routes.indices where layers[routes[index].to] > layers[routes[index].from] + 1 {
            var previous = routes[index].from
            for layer in (layers[routes[index].from] + 1)..<layers[routes[index].to] {
                let bend = boxes.count
                boxes.append(Box(x: 0, y: 0, width: 12, height: 0, lines: []))
                layers.append(layer)
                chains.append([])
                chains[previous].append(bend)
                routes[index].via.append(bend)
                previous = bend
            }
            chains[previous].append(routes[index].to)
        }
        for (from, targets) in successors.enumerated() {
            for to in targets where layers[to] == layers[from] + 1 || layers[to] <= layers[from] {
                chains[from].append(to)
            }
        }
        var rows = [[Int]](repeating: [], count: (layers.max() ?? 0) + 1)
        for (item, layer) in layers.enumerated() { rows[layer].append(item) }
        var predecessors = [[Int]](repeating: [], count: chains.count)
        for (from, targets) in chains.enumerated() { for to in targets { predecessors[to].append(from) } }
        // Order each row by the mean position of its predecessors in earlier rows.
        var position = [Double](repeating: 0, count: chains.count)
        for rowIndex in rows.indices {
            let keyed = rows[rowIndex].enumerated().map { offset, item -> (Double, Int) in
                let placed = predecessors[item].filter { layers[$0] < rowIndex }
                guard !placed.isEmpty else { return (Double(offset), item) }
                return (placed.map { position[$0] }.reduce(0, +) / Double(placed.count), item)
            }
            rows[rowIndex] = keyed.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.1)
            for (offset, item) in rows[rowIndex].enumerated() { position[item] = Double(offset) }
        }
        let rowWidths = rows.map { row in
            row.map { boxes[$0].width }.reduce(0, +) + gapX * Double(max(0, row.count - 1))
        }
        let totalWidth = (rowWidths.max() ?? 0) + 2 * margin
        var y = margin
        for (rowIndex, row) in rows.enumerated() {
            var x = (totalWidth - rowWidths[rowIndex]) / 2
            let height = row.map { boxes[$0].height }.max() ?? 0
            for item in row {
                boxes[item].x = x
                boxes[item].y = boxes[item].lines.isEmpty ? y : y + (height - boxes[item].height) / 2
                if boxes[item].lines.isEmpty { boxes[item].height = height }
                x += boxes[item].width + gapX
            }
            y += height + gapY
        }
        let totalHeight = y - gapY + margin
        var out: [String] = [
            "<svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") class=\"graph\" width=\"\(format(totalWidth))\" "
                + "height=\"\(format(totalHeight))\" viewBox=\"0 0 \(format(totalWidth)) \(format(totalHeight))\" "
                + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" "
                + "markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/>"
                + "</marker></defs>",
        ]
        out += edges(routes, boxes: boxes)
        for (index, trigger) in picture.triggers.enumerated() {
            let box = boxes[index]
            let dim = picture.hasRun && !trigger.fired
            out.append(
                "<g class=\"trigger\"><rect x=\"\(format(box.x))\" y=\"\(format(box.y))\" width=\"\(format(box.width))\" "
                    + "height=\"\(format(box.height))\" rx=\"\(format(box.height / 2))\" fill=\"#e8eaf6\" "
                    + "stroke=\"\(dim ? GraphText.deadEdge : "#3949ab")\"/>"
                    + text(box, bold: false, colour: dim ? "#9e9e9e" : "#1a237e") + "</g>")
        }
        for (index, node) in picture.nodes.enumerated() {
            let box = boxes[triggerCount + index]
            let fill = node.state?.fill ?? "#ffffff"
            let stroke = node.state?.stroke ?? "#455a64"
            let dash = node.state == .skipped || node.state == .notReached ? " stroke-dasharray=\"4 3\"" : ""
            let width = node.merge != nil ? "2.5" : "1.2"
            out.append(
                "<g class=\"step\" data-step=\"\(HTMLText.escape(node.name))\"><title>\(HTMLText.escape(box.lines.joined(separator: "\n")))</title>"
                    + "<rect x=\"\(format(box.x))\" y=\"\(format(box.y))\" width=\"\(format(box.width))\" "
                    + "height=\"\(format(box.height))\" rx=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\" "
                    + "stroke-width=\"\(width)\"\(dash)/>" + text(box, bold: true, colour: "#212121") + "</g>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    /// Longest-path layers over `successors`; items in a cycle keep the layer they had reached.
    static func layering(successors: [[Int]]) -> [Int] {
        var indegree = [Int](repeating: 0, count: successors.count)
        for targets in successors { for to in targets { indegree[to] += 1 } }
        var layer = [Int](repeating: 0, count: successors.count)
        var queue = indegree.indices.filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let item = queue[head]
            head += 1
            for to in successors[item] {
                layer[to] = max(layer[to], layer[item] + 1)
                indegree[to] -= 1
                if indegree[to] == 0 { queue.append(to) }
            }
        }
        return layer
    }

    /// One drawn edge between items, through the bends of the rows it crosses.
    struct Route {
        var from: Int
        var to: Int
        var label: String?
        var dashed: Bool
        var taken: Bool?
        var via: [Int] = []
    }

    static func routes(of picture: GraphPicture) -> [Route] {
        let triggerCount = picture.triggers.count
        var all: [Route] = []
        for (index, trigger) in picture.triggers.enumerated() {
            for start in trigger.starts where start < picture.nodes.count {
                let taken: Bool? = picture.hasRun ? trigger.fired : nil
                all.append(Route(from: index, to: triggerCount + start, label: nil, dashed: false, taken: taken))
            }
        }
        for edge in picture.edges {
            all.append(
                Route(
                    from: triggerCount + edge.from, to: triggerCount + edge.to,
                    label: edge.isFallback ? "on error" : edge.label, dashed: edge.isFallback, taken: edge.taken))
        }
        return all
    }

    static func edges(_ routes: [Route], boxes: [Box]) -> [String] {
        var outCount = [Int](repeating: 0, count: boxes.count)
        var inCount = [Int](repeating: 0, count: boxes.count)
        for route in routes {
            outCount[route.from] += 1
            inCount[route.to] += 1
        }
        var outSeen = [Int](repeating: 0, count: boxes.count)
        var inSeen = [Int](repeating: 0, count: boxes.count)
        var paths: [String] = []
        var labels: [String] = []
        for route in routes {
            let source = boxes[route.from]
            let target = boxes[route.to]
            outSeen[route.from] += 1
            inSeen[route.to] += 1
            var x = source.x + source.width * Double(outSeen[route.from]) / Double(outCount[route.from] + 1)
            var y = source.y + source.height
            var d = "M\(format(x)),\(format(y))"
            var labelAt: (Double, Double)?
            // Each leg ends at the top of the next bend (then runs straight down through it) or of the target.
            var stops = route.via.map { (boxes[$0].x + boxes[$0].width / 2, boxes[$0].y, boxes[$0].height) }
            let endX = target.x + target.width * Double(inSeen[route.to]) / Double(inCount[route.to] + 1)
            stops.append((endX, target.y, 0))
            for (stopX, stopY, through) in stops {
                let bend = max(24, abs(stopY - y) / 2)
                d +=
                    " C\(format(x)),\(format(y + bend)) \(format(stopX)),\(format(stopY - bend)) \(format(stopX)),\(format(stopY))"
                if labelAt == nil { labelAt = ((x + stopX) / 2, (y + stopY) / 2) }
                x = stopX
                y = stopY
                if through > 0 {
                    y += through
                    d += " L\(format(x)),\(format(y))"
                }
            }
            let colour = route.taken == false ? GraphText.deadEdge : (route.dashed ? "#ef6c00" : "#546e7a")
            let width = route.taken == true ? "2.2" : "1.2"
            let dash = route.dashed ? " stroke-dasharray=\"6 4\"" : ""
            paths.append(
                "<path class=\"edge\" d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(width)\"\(dash) "
                    + "marker-end=\"url(#arrow)\"/>")
            if let label = route.label, let (midX, midY) = labelAt {
                let labelWidth = Double(label.count) * 6.2 + 8
                var text =
                    "<g class=\"edge-label\"><rect x=\"\(format(midX - labelWidth / 2))\" y=\"\(format(midY - 9))\" "
                text += "width=\"\(format(labelWidth))\" height=\"16\" rx=\"3\" fill=\"#ffffff\" opacity=\"0.9\"/>"
                text += "<text x=\"\(format(midX))\" y=\"\(format(midY + 3))\" text-anchor=\"middle\" "
                text += "font-size=\"11\" fill=\"\(colour)\">\(HTMLText.escape(label))</text></g>"
                labels.append(text)
            }
        }
        return paths + labels
    }

    static func text(_ box: Box, bold: Bool, colour: String) -> String {
        var out =
            "<text x=\"\(format(box.x + box.width / 2))\" y=\"\(format(box.y + 18))\" text-anchor=\"middle\" fill=\"\(colour)\">"
        for (index, line) in box.lines.enumerated() {
            let dy = index == 0 ? "0" : format(lineHeight)
            var style = ""
            if index == 0 && bold { style = " font-weight=\"bold\"" }
            if index == 1 && bold { style = " font-family=\"monospace\" fill=\"#546e7a\"" }
            if index > 1 { style = " font-size=\"11\"" }
            out += "<tspan x=\"\(format(box.x + box.width / 2))\" dy=\"\(dy)\"\(style)>\(HTMLText.escape(line))</tspan>"
        }
        return out + "</text>"
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
