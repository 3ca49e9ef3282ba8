import WorkflowModel

/// Evaluates the JavaScript of `${ … }` templates (docs/semantics.md#templates).
///
/// The engine only knows this protocol; a composition root injects an implementation (``InstanceContext``'s
/// `expressionEvaluator`, ``DictionaryTemplateContext``'s for tests). Without one, a `${ … }` value is a
/// ``TemplateError/Code/javaScriptUnsupported`` error.
///
/// ```swift
/// struct Constant: ExpressionEvaluator {
///     func evaluate(_ expression: String, in context: [String: JSONValue]) throws -> JSONValue { 42 }
/// }
/// ```
public protocol ExpressionEvaluator: Sendable {
    /// Evaluates `expression` against a copy of `context`.
    /// - Parameters:
    ///   - expression: the code between `${` and `}`.
    ///   - context: the run's template roots by name (`Trigger`, `Steps`, `Source`, `Variables`, `Current`,
    ///     `WorkflowName`, `WorkflowId`, `InstanceId`); a root the run does not have is absent.
    /// - Returns: the result as JSON (`undefined` becomes `null`).
    /// - Throws: any error whose description a person understands (a syntax error, an exception, a time limit).
    func evaluate(_ expression: String, in context: [String: JSONValue]) throws -> JSONValue
}

extension TemplateContext {
    /// Every root this context has a value for, by name: what `${ … }` expressions see.
    public func rootValues() -> [String: JSONValue] {
        var roots: [String: JSONValue] = [:]
        for root in TemplateRoot.allCases {
            let path = TemplatePath(root: root, components: [], text: root.rawValue)
            if let value = value(of: path) { roots[root.rawValue] = value }
        }
        return roots
    }

    /// Evaluates the `${ … }` text `source` with ``TemplateContext/expressionEvaluator``.
    /// - Throws: ``TemplateError`` `javaScriptUnsupported` without an evaluator, `javaScript` when the
    ///   expression fails (the message quotes it and holds the evaluator's message).
    func evaluate(javaScript source: String) throws(TemplateError) -> JSONValue {
        guard let evaluator = expressionEvaluator else {
            throw TemplateError(.javaScriptUnsupported, "JavaScript expressions are not supported yet: \(source)")
        }
        guard source.hasPrefix("${"), source.hasSuffix("}") else {
            throw TemplateError(.syntax, "unclosed \"${\" in \(TemplateError.quote(source))")
        }
        let expression = String(source.dropFirst(2).dropLast())
        do {
            return try evaluator.evaluate(expression, in: rootValues())
        } catch {
            throw TemplateError(.javaScript, "\(TemplateError.quote(source)): \(error)")
        }
    }
}
