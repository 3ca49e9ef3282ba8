import WorkflowActions
import WorkflowModel

/// `com.datadoghq.datatransformation.func`, `.expression` and `.inlineExpression`: runs the input `script`
/// (a function body for `func`, an expression for the others) with `$` = the input `context` when given, else
/// the run's context (`$.Steps.…`, `$.Trigger.…`); the roots are also in scope by bare name, Lodash as `_`.
///
/// Outputs `{data}`, the script's JSON result, and `logs` (the `console.log` lines) when the script logged
/// anything. A script longer than ``JavaScriptLimits/maxScriptBytes`` is refused; an error, a limit or a result
/// that is not JSON fails the step with the engine's message.
public struct DataTransformationAction: ContextReadingAction {
    /// Whether `script` is a function body or an expression.
    public enum ScriptKind: Sendable {
        /// `return …` statements (`func`).
        case functionBody
        /// One expression (`expression`, `inlineExpression`).
        case expression
    }

    /// The engine scripts run in.
    public let engine: JavaScriptEngine
    /// What `script` is.
    public let kind: ScriptKind

    /// Creates the action on `engine`.
    public init(engine: JavaScriptEngine, kind: ScriptKind) {
        self.engine = engine
        self.kind = kind
    }

    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let script = try invocation.stringInput("script")
        let limit = engine.limits.maxScriptBytes
        guard script.utf8.count <= limit else {
            throw ActionError(
                .invalidInput,
                "input \"script\" is \(script.utf8.count) bytes long; scripts are limited to \(limit) bytes")
        }
        let roots = invocation.context ?? [:]
        let dollar = invocation.inputs["context"].flatMap { $0.isNull ? nil : $0 }
        let result: JavaScriptResult
        do {
            switch kind {
            case .functionBody: result = try engine.run(functionBody: script, context: roots, dollar: dollar)
            case .expression: result = try engine.evaluate(expression: script, context: roots, dollar: dollar)
            }
        } catch {
            throw ActionError(.failed, "script failed: \(error.message)")
        }
        var outputs: [String: JSONValue] = ["data": result.value]
        if !result.logs.isEmpty { outputs["logs"] = .array(result.logs.map(JSONValue.string)) }
        return ActionResult(outputs: .object(outputs))
    }
}
