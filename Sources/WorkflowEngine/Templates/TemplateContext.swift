import WorkflowModel

/// What templates read: the values of a run that `{{ path }}` names.
///
/// A scheduler implements it over its own state (for example `Steps.<name>` through ``TemplatePath/stepIndex``,
/// a dense array lookup), so rendering does not build a context object per step.
public protocol TemplateContext {
    /// The value `path` names, or `nil` when it names nothing (a missing step, member or index).
    func value(of path: TemplatePath) -> JSONValue?

    /// What evaluates `${ … }` expressions; `nil` (the default) makes them a
    /// ``TemplateError/Code/javaScriptUnsupported`` error.
    var expressionEvaluator: (any ExpressionEvaluator)? { get }
}

extension TemplateContext {
    public var expressionEvaluator: (any ExpressionEvaluator)? { nil }
}

/// A context held as one JSON value per root: for tests and for rendering a workflow's outputs.
public struct DictionaryTemplateContext: TemplateContext, Sendable {
    /// The value of each root (`.steps` is an object of step outputs by step name).
    public var roots: [TemplateRoot: JSONValue]
    /// What evaluates `${ … }` expressions, if anything.
    public var expressionEvaluator: (any ExpressionEvaluator)?

    /// Creates a context from the value of each root.
    public init(_ roots: [TemplateRoot: JSONValue] = [:], expressionEvaluator: (any ExpressionEvaluator)? = nil) {
        self.roots = roots
        self.expressionEvaluator = expressionEvaluator
    }

    public func value(of path: TemplatePath) -> JSONValue? {
        roots[path.root]?.value(at: path.components)
    }
}
