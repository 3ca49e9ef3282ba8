/// A parsed `{{ path }}`: its root and the components after it.
///
/// For `Steps.<name>…` the first component is the step's name (``stepName``); a scheduler maps it to its dense
/// step index once, with ``Template/bindingSteps(_:)``, and then answers ``stepIndex`` without hashing.
public struct TemplatePath: Sendable, Hashable, CustomStringConvertible {
    /// What part of the context the path reads.
    public let root: TemplateRoot
    /// The components after the root, outermost first.
    public let components: [PathComponent]
    /// The path as written between the braces, trimmed (`Steps.fetch.body["a b"]`).
    public let text: String
    /// The dense index of ``stepName``, once bound by ``Template/bindingSteps(_:)``; `nil` otherwise or when the
    /// name is not a step of the workflow.
    public var stepIndex: Int?
    /// Whether the path was written with an empty last name (`Steps.a.data.`), which the parser dropped;
    /// validation warns about it.
    public var ignoredTrailingDot = false

    /// Creates a path.
    public init(root: TemplateRoot, components: [PathComponent], text: String) {
        self.root = root
        self.components = components
        self.text = text
    }

    /// For `Steps.<name>…`, the step's name; `nil` for other roots.
    public var stepName: String? {
        guard root == .steps, case .key(let name)? = components.first else { return nil }
        return name
    }

    /// The components after the step name for `Steps.<name>…`, else all of them.
    public var remainder: ArraySlice<PathComponent> {
        root == .steps && stepName != nil ? components.dropFirst() : components[...]
    }

    public var description: String { text }
}
