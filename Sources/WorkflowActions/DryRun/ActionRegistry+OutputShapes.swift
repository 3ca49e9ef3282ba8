import WorkflowModel

extension ActionRegistry {
    /// The outputs `actionId` documents, with empty values (`""`, `0`, `false`, `{}`, `[]`, nested shapes as
    /// declared): what a dry run gives a step no mock names, so templates reading `Steps.X.…` see the right
    /// structure. A manifest's declared outputs; the HTTP and script bundles' outputs; a ``DescribedAction``'s shape;
    /// nil for anything else.
    public func documentedOutputShape(for actionId: String) -> JSONValue? {
        switch actionId {
        case SystemActionID.httpRequest, SystemActionID.httpTestConnection:
            return ["status": 0, "body": "", "headers": .emptyObject]
        case SystemActionID.getChecksumFromURL:
            return ["checksum": ""]
        case SystemActionID.enrichScript:
            return ["options": [], "placeholder": ""]
        case SystemActionID.scriptTestConnection:
            return .emptyObject
        case SystemActionID.runShellScript, SystemActionID.runPredefinedScript:
            return ["executedCommand": "", "exitCode": 0, "stdout": "", "stderr": "", "durationMillis": 0]
        default:
            if let described = action(for: actionId) as? any DescribedAction { return described.outputShape }
            if let shape = AWSActionCatalog.defaultMock(for: actionId) { return shape }
            if manifest(for: actionId)?.outputsAreEmpty == true { return .emptyObject }
            guard let outputs = manifest(for: actionId)?.outputs, !outputs.isEmpty else { return nil }
            var shape: [String: JSONValue] = [:]
            for output in outputs { shape[output.name] = output.emptyValue }
            return .object(shape)
        }
    }
}
