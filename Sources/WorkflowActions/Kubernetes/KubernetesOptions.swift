import WorkflowModel

/// The runner's option mix-ins of the Kubernetes verbs, read from a step's inputs: `dryRun`, `fieldManager`,
/// `fieldValidation` (create, update, patch, delete), `force` (patch), `labelSelector`, `fieldSelector`, `limit`
/// (list, deleteMultiple), `gracePeriodSeconds`, `propagationPolicy` (delete).
enum KubernetesOptions {
    /// The query of create, update and patch (`force` only for patch).
    static func write(
        _ invocation: ActionInvocation, patch: Bool = false
    ) throws(ActionError) -> [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        let dryRun = try invocation.runnerString("dryRun")
        if !dryRun.isEmpty { query.append(("dryRun", dryRun)) }
        for name in ["fieldManager", "fieldValidation"] {
            let value = try invocation.runnerString(name)
            if !value.isEmpty { query.append((name, value)) }
        }
        if patch, let force = try invocation.runnerBool("force") { query.append(("force", force ? "true" : "false")) }
        return query
    }

    /// The query of list and deleteMultiple.
    static func list(_ invocation: ActionInvocation) throws(ActionError) -> [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        for name in ["labelSelector", "fieldSelector"] {
            let value = try invocation.runnerString(name)
            if !value.isEmpty { query.append((name, value)) }
        }
        if let limit = try invocation.runnerInteger("limit", in: 0...Int(Int32.max)), limit > 0 {
            query.append(("limit", String(limit)))
        }
        return query
    }

    /// The `DeleteOptions` body of delete and deleteMultiple.
    static func delete(_ invocation: ActionInvocation) throws(ActionError) -> JSONValue {
        var options: [String: JSONValue] = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let grace = try invocation.runnerInteger("gracePeriodSeconds", in: 0...Int(Int32.max)) {
            options["gracePeriodSeconds"] = .number(Double(grace))
        }
        let policy = try invocation.runnerString("propagationPolicy")
        if !policy.isEmpty { options["propagationPolicy"] = .string(policy) }
        let dryRun = try invocation.runnerString("dryRun")
        if !dryRun.isEmpty { options["dryRun"] = [.string(dryRun)] }
        return .object(options)
    }

    /// The object input `body` of create and update.
    static func object(_ invocation: ActionInvocation) throws(ActionError) -> JSONValue {
        guard case .object(let members)? = invocation.inputs["body"] else {
            throw invocation.runnerInputError("body", expected: "an object (the Kubernetes object)")
        }
        return .object(members)
    }

    /// The JSON Patch operations of patch (`[{op, path, value}]`).
    static func patchOperations(_ invocation: ActionInvocation) throws(ActionError) -> JSONValue {
        let operations = try invocation.runnerList("body")
        guard operations.allSatisfy({ $0.objectValue != nil }) else {
            throw invocation.runnerInputError("body", expected: "a list of JSON Patch operations ({op, path, value})")
        }
        return .array(operations)
    }
}
