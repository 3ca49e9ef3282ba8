import WorkflowActions
import WorkflowModel

/// One attempt of a child workflow step, its parameters checked.
struct ChildWorkflowCall: Sendable {
    var invocation: ActionInvocation
    /// The stored workflow to start.
    var workflowId: String
    /// Its inputs, before the child's input schema checks them.
    var inputs: [String: JSONValue]
    /// Whether the step waits for the child.
    var waits: Bool
    /// How long the step waits at most (`timeoutSeconds` + `timeoutHours`), when given.
    var timeout: Duration?
    /// The parent's workflow name (for the chain cycle protection names).
    var parentWorkflowName: String

    /// Reads the step's rendered parameters.
    /// - Throws: ``ActionError`` `INVALID_INPUT` naming the step and the parameter.
    init(_ invocation: ActionInvocation, waits: Bool, parentWorkflowName: String) throws(ActionError) {
        let step = invocation.stepName
        func invalid(_ message: String) -> ActionError {
            ActionError(.invalidInput, "step \"\(step)\": \(message)")
        }
        guard let id = invocation.inputs["workflowId"]?.stringValue, !id.isEmpty else {
            throw invalid("workflowId must be the id of a stored workflow (a non-empty string)")
        }
        var inputs: [String: JSONValue] = [:]
        if let given = invocation.inputs["workflowInputs"], !given.isNull {
            guard case .object(let members) = given else {
                throw invalid("workflowInputs must be an object of the child's inputs, got \(given.typeName)")
            }
            inputs = members
        }
        var seconds = 0.0
        for (name, scale) in [("timeoutSeconds", 1.0), ("timeoutHours", 3_600.0)] {
            guard let value = invocation.inputs[name], !value.isNull else { continue }
            guard case .number(let number) = value, number > 0, number.isFinite else {
                throw invalid("\(name) must be a positive number, got \(value.compactJSON)")
            }
            seconds += number * scale
        }
        self.invocation = invocation
        self.workflowId = id
        self.inputs = inputs
        self.waits = waits
        // At most about 31 years, so the conversion to milliseconds cannot overflow.
        self.timeout = seconds > 0 ? .milliseconds(Int64((min(seconds, 1e9) * 1_000).rounded())) : nil
        self.parentWorkflowName = parentWorkflowName
    }

    /// The child instance's id for this step attempt: the same on every run of the attempt, so a parent carried
    /// on after a crash finds the child it started instead of starting another.
    var childInstanceId: String {
        StableID.uuid(for: "child/\(invocation.instanceId)/\(invocation.stepName)/\(invocation.attempt)")
    }
}
