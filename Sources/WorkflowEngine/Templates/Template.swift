import WorkflowModel

/// A parameter value with its `{{ … }}` templates parsed once, rendered many times.
///
/// ```swift
/// let template = try Template(parsing: "Hello {{ Trigger.name }}")
/// let context = DictionaryTemplateContext([.trigger: ["name": "Ada"]])
/// try template.render(in: context)  // "Hello Ada"
/// ```
///
/// Rendering (docs/semantics.md#templates): a string that is exactly one `{{ path }}` (surrounding spaces aside) becomes the
/// value the path names, of whatever JSON type, or `null` when it names nothing. Inside other text, strings are
/// inserted as is, numbers in shortest form, Booleans as `true`/`false`, objects and arrays as compact JSON,
/// and `null` or a missing value as nothing. Object keys are never templates. A `${ … }` expression is evaluated
/// by the context's ``TemplateContext/expressionEvaluator`` and follows the same rules: alone, its JSON result
/// keeps its type; inside text, it is inserted as text.
public struct Template: Sendable, Hashable {
    /// The value as written in the spec.
    public let source: JSONValue
    let node: Node

    /// Parses every `{{ … }}` in `value`, at any depth of objects and arrays.
    /// - Throws: ``TemplateError`` for an unclosed `{{`, an empty path, a bad bracket or an unknown root. A
    ///   `${ … }` expression is not parsed here: the evaluator checks it when rendering.
    public init(parsing value: JSONValue) throws(TemplateError) {
        source = value
        node = try Node(parsing: value)
    }

    /// Whether the value holds no template at all: rendering returns ``source`` without work.
    public var isConstant: Bool {
        if case .constant = node { return true }
        return false
    }

    /// Every path the template reads, in document order (object members by sorted key).
    public var paths: [TemplatePath] {
        var result: [TemplatePath] = []
        node.collectPaths(into: &result)
        return result
    }

    /// The names of the steps whose outputs the template reads (`Steps.<name>`).
    public var stepNames: Set<String> { Set(paths.compactMap(\.stepName)) }

    /// Whether the template holds a `${ … }` JavaScript expression.
    public var containsJavaScript: Bool { node.containsJavaScript }

    /// Renders the template against `context`.
    /// - Throws: ``TemplateError`` for a `${ … }` expression that fails (``TemplateError/Code/javaScript``) or
    ///   that no evaluator can run (``TemplateError/Code/javaScriptUnsupported``). A path that names nothing is
    ///   not an error (it renders as `null` or `""`).
    public func render(in context: some TemplateContext) throws(TemplateError) -> JSONValue {
        if case .constant = node { return source }
        return try node.render(in: context)
    }

    /// A copy whose `Steps.<name>` paths carry the dense index of their step (``TemplatePath/stepIndex``), from
    /// `indexByName`; names not in it stay unbound.
    public func bindingSteps(_ indexByName: [String: Int]) -> Template {
        Template(source: source, node: node.bindingSteps(indexByName))
    }

    init(source: JSONValue, node: Node) {
        self.source = source
        self.node = node
    }
}

extension Template {
    /// A parsed value.
    indirect enum Node: Sendable, Hashable {
        /// No template inside.
        case constant(JSONValue)
        /// A string that is exactly one `{{ path }}`: keeps the type of what it names.
        case reference(TemplatePath)
        /// A string that is exactly one `${ … }` (the whole text): keeps the JSON type of its result.
        case javaScript(String)
        /// A string mixing text, paths and `${ … }` expressions: renders to a string.
        case text([Segment])
        /// An array with a template inside.
        case array([Node])
        /// An object with a template inside.
        case object([String: Node])
    }

    /// A piece of a string.
    typealias Segment = TemplateSegment
}

extension Template.Node {
    init(parsing value: JSONValue) throws(TemplateError) {
        switch value {
        case .string(let text):
            switch try TemplateParser.parse(text) {
            case .plain: self = .constant(value)
            case .reference(let path): self = .reference(path)
            case .javaScript(let source): self = .javaScript(source)
            case .text(let segments): self = .text(segments)
            }
        case .array(let elements):
            var nodes: [Template.Node] = []
            nodes.reserveCapacity(elements.count)
            var constant = true
            for element in elements {
                let node = try Template.Node(parsing: element)
                if case .constant = node {} else { constant = false }
                nodes.append(node)
            }
            self = constant ? .constant(value) : .array(nodes)
        case .object(let members):
            var nodes: [String: Template.Node] = [:]
            nodes.reserveCapacity(members.count)
            var constant = true
            for key in members.keys.sorted() {
                guard let member = members[key] else { continue }
                let node = try Template.Node(parsing: member)
                if case .constant = node {} else { constant = false }
                nodes[key] = node
            }
            self = constant ? .constant(value) : .object(nodes)
        case .null, .bool, .number:
            self = .constant(value)
        }
    }

    func render(in context: some TemplateContext) throws(TemplateError) -> JSONValue {
        switch self {
        case .constant(let value):
            return value
        case .reference(let path):
            return context.value(of: path) ?? .null
        case .javaScript(let source):
            return try context.evaluate(javaScript: source)
        case .text(let segments):
            var output = ""
            for segment in segments {
                switch segment {
                case .literal(let literal):
                    output += literal
                case .reference(let path):
                    Template.append(context.value(of: path), to: &output)
                case .javaScript(let source):
                    Template.append(try context.evaluate(javaScript: source), to: &output)
                }
            }
            return .string(output)
        case .array(let nodes):
            var elements: [JSONValue] = []
            elements.reserveCapacity(nodes.count)
            for node in nodes { elements.append(try node.render(in: context)) }
            return .array(elements)
        case .object(let nodes):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(nodes.count)
            for (key, node) in nodes { members[key] = try node.render(in: context) }
            return .object(members)
        }
    }

    func collectPaths(into paths: inout [TemplatePath]) {
        switch self {
        case .constant, .javaScript: return
        case .reference(let path): paths.append(path)
        case .text(let segments):
            for case .reference(let path) in segments { paths.append(path) }
        case .array(let nodes):
            for node in nodes { node.collectPaths(into: &paths) }
        case .object(let nodes):
            for key in nodes.keys.sorted() { nodes[key]?.collectPaths(into: &paths) }
        }
    }

    var containsJavaScript: Bool {
        switch self {
        case .constant, .reference: return false
        case .javaScript: return true
        case .text(let segments):
            return segments.contains {
                if case .javaScript = $0 { return true }
                return false
            }
        case .array(let nodes): return nodes.contains(where: \.containsJavaScript)
        case .object(let nodes): return nodes.values.contains(where: \.containsJavaScript)
        }
    }

    func bindingSteps(_ indexByName: [String: Int]) -> Template.Node {
        func bind(_ path: TemplatePath) -> TemplatePath {
            var bound = path
            bound.stepIndex = path.stepName.flatMap { indexByName[$0] }
            return bound
        }
        switch self {
        case .constant, .javaScript: return self
        case .reference(let path): return .reference(bind(path))
        case .text(let segments):
            return .text(
                segments.map {
                    if case .reference(let path) = $0 { return .reference(bind(path)) }
                    return $0
                })
        case .array(let nodes): return .array(nodes.map { $0.bindingSteps(indexByName) })
        case .object(let nodes): return .object(nodes.mapValues { $0.bindingSteps(indexByName) })
        }
    }
}

extension Template {
    /// Appends `value` as text: strings as is, numbers in shortest form, Booleans as `true`/`false`, objects and
    /// arrays as compact JSON, `null` and missing as nothing.
    static func append(_ value: JSONValue?, to output: inout String) {
        switch value {
        case nil, .null?: return
        case .string(let text)?: output += text
        case .number(let number)?: output += JSONValue.format(number: number)
        case .bool(let flag)?: output += flag ? "true" : "false"
        case .array?, .object?: output += value?.compactJSON ?? ""
        }
    }
}
