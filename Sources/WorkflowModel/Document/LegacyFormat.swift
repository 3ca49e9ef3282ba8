/// Datadog's legacy workflow format: a top-level `startStepName` and steps' `outboundConnections`, no
/// `triggers`. The current API refuses it; Stepwise refuses it with one message saying what replaced it,
/// rather than a page of unknown-field errors.
enum LegacyFormat {
    /// What replaced the legacy fields, for the message.
    static let replacement =
        "Datadog replaced it with \"triggers\" (each trigger lists its \"startStepNames\") and steps' \"outboundEdges\" ({\"nextStepName\", \"branchName\"}); export the workflow again from Datadog, or move startStepName into a trigger's startStepNames and each outboundConnections entry into outboundEdges"

    /// The one issue of a spec in the legacy format, or `nil` for a spec that is not.
    static func issue(in json: JSONValue) -> ValidationIssue? {
        guard case .object(let members) = json else { return nil }
        if members["startStepName"] != nil {
            return .error(
                JSONPointer(tokens: ["startStepName"]),
                "legacy workflow format (top-level \"startStepName\", no \"triggers\"): \(replacement)")
        }
        for (index, step) in (members["steps"]?.arrayValue ?? []).enumerated() where step["outboundConnections"] != nil
        {
            return .error(
                JSONPointer(tokens: ["steps", String(index), "outboundConnections"]),
                "legacy workflow format (steps' \"outboundConnections\", no \"triggers\"): \(replacement)")
        }
        return nil
    }
}
