import Foundation
import Synchronization
import WorkflowEngine
import WorkflowModel

/// JavaScript for workflows: JavaScriptCore with Lodash as `_`, the run's context by bare name and as `$`, within
/// time and memory limits (docs/javascript.md).
///
/// Contexts are pooled: each is created (and Lodash run in it) once, then reused by one evaluation at a time.
/// Every evaluation gets a fresh copy of the context values, so nothing a script changes in them is seen later.
///
/// ```swift
/// let engine = JavaScriptEngine()
/// let value = try engine.evaluate("_.map(Trigger.items, x => x * 2)", in: ["Trigger": ["items": [1, 2]]])
/// // [2, 4]
/// ```
public final class JavaScriptEngine: ExpressionEvaluator, Sendable {
    /// Where Debian's `libjs-lodash` installs Lodash.
    public static let debianLodashPath = "/usr/share/javascript/lodash/lodash.min.js"

    /// The bounds of every evaluation.
    public let limits: JavaScriptLimits
    /// Lodash's source, read once, or why it could not be read.
    private let lodash: Result<String, JavaScriptError>
    private let idle = Mutex<[JavaScriptContext]>([])
    private let created = Atomic<Int>(0)

    /// An engine that loads Lodash from `lodashPath` (read here, once).
    /// - Parameter lodashPath: Lodash's minified source; when it cannot be read, every evaluation fails with
    ///   ``JavaScriptError/Code/unavailable`` naming the file and the Debian package.
    public init(limits: JavaScriptLimits = JavaScriptLimits(), lodashPath: String = debianLodashPath) {
        self.limits = limits
        if let source = try? String(contentsOfFile: lodashPath, encoding: .utf8) {
            lodash = .success(source)
        } else {
            lodash = .failure(
                JavaScriptError(
                    .unavailable,
                    "Lodash is not available: cannot read \(lodashPath) (install Debian's libjs-lodash; scripts/setup does)"
                ))
        }
    }

    /// How many contexts were created (each one ran Lodash once): pool reuse keeps this small.
    public var contextsCreated: Int { created.load(ordering: .relaxed) }

    /// Evaluates the expression `expression`: for `${ … }` templates (``ExpressionEvaluator``).
    /// - Throws: ``JavaScriptError``.
    public func evaluate(_ expression: String, in context: [String: JSONValue]) throws -> JSONValue {
        try evaluate(expression: expression, context: context).value
    }

    /// Evaluates the expression `expression`.
    /// - Parameters:
    ///   - context: the template roots, by bare name; `$` is them as one object unless `dollar` is given.
    ///   - dollar: what `$` is instead.
    /// - Throws: ``JavaScriptError`` for a syntax error, an exception, a limit, or a result that is not JSON.
    public func evaluate(
        expression: String, context: [String: JSONValue], dollar: JSONValue? = nil
    )
        throws(JavaScriptError) -> JavaScriptResult
    {
        try run(.expression, expression, context: context, dollar: dollar)
    }

    /// Runs `body` as the body of a function (it gives its result with `return`).
    /// - Parameters: as ``evaluate(expression:context:dollar:)``.
    /// - Throws: ``JavaScriptError``.
    public func run(
        functionBody body: String, context: [String: JSONValue], dollar: JSONValue? = nil
    )
        throws(JavaScriptError) -> JavaScriptResult
    {
        try run(.functionBody, body, context: context, dollar: dollar)
    }

    private func run(
        _ kind: JavaScriptContext.Kind, _ source: String, context: [String: JSONValue], dollar: JSONValue?
    ) throws(JavaScriptError) -> JavaScriptResult {
        let rootsJSON = JSONValue.object(context).compactJSON
        let dollarJSON = dollar?.compactJSON
        let javaScript = try checkOut()
        defer { checkIn(javaScript) }
        return try javaScript.run(kind, source, rootsJSON: rootsJSON, dollarJSON: dollarJSON)
    }

    /// An idle context, or a new one.
    private func checkOut() throws(JavaScriptError) -> JavaScriptContext {
        if let reused = idle.withLock({ $0.popLast() }) { return reused }
        let source = try lodash.get()
        let context = try JavaScriptContext(lodash: source, limits: limits)
        created.add(1, ordering: .relaxed)
        return context
    }

    /// Puts `context` back in the pool, unless a limit stopped a script in it or the pool is full.
    private func checkIn(_ context: JavaScriptContext) {
        guard context.isReusable else { return }
        idle.withLock { contexts in
            if contexts.count < limits.maxIdleContexts { contexts.append(context) }
        }
    }
}
