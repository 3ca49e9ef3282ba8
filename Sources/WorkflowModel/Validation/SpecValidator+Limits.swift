/// Size limits (``WorkflowLimits``): how many steps a workflow has and how long the names are that every journal
/// entry and loop iteration repeats.
extension SpecValidator {
    mutating func checkLimits() {
        let steps = spec.steps ?? []
        if steps.count > WorkflowLimits.maximumSteps {
            error(
                at("steps"),
                "workflow has \(steps.count) steps; Stepwise allows at most \(WorkflowLimits.maximumSteps)")
        }
        for (index, step) in steps.enumerated() {
            checkNameLength(step.name, of: "step name", at: ["steps", String(index), "name"])
            for (number, edge) in (step.outboundEdges ?? []).enumerated() {
                checkNameLength(
                    edge.branchName, of: "branchName",
                    at: ["steps", String(index), "outboundEdges", String(number), "branchName"])
            }
        }
        for (index, parameter) in (spec.inputSchema?.parameters ?? []).enumerated() {
            checkNameLength(
                parameter.name, of: "input parameter name", at: ["inputSchema", "parameters", String(index), "name"])
        }
        for (index, parameter) in (spec.outputSchema?.parameters ?? []).enumerated() {
            checkNameLength(
                parameter.name, of: "output parameter name", at: ["outputSchema", "parameters", String(index), "name"])
        }
    }

    /// `tokens` is only built for a name over the limit: this check runs for every step and edge.
    private mutating func checkNameLength(_ name: String, of what: String, at tokens: @autoclosure () -> [String]) {
        // A character takes at least one UTF-8 byte: a name of at most the limit in bytes is within it.
        guard name.utf8.count > WorkflowLimits.maximumNameLength else { return }
        let length = name.count
        guard length > WorkflowLimits.maximumNameLength else { return }
        error(
            JSONPointer(tokens: tokens()),
            "\(what) is \(length) characters long; the limit is \(WorkflowLimits.maximumNameLength)")
    }
}
