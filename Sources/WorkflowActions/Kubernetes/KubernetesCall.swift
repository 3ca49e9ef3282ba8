import WorkflowModel

/// The REST call of one generic verb, from a step's inputs.
struct KubernetesCall {
    var method: String
    var path: String
    var query: [(name: String, value: String)] = []
    var body: JSONValue?
    var contentType = "application/json"

    /// The call of `verb` on `resource` in `namespace`: `name` (get, patch, delete), `body` (create, update: the
    /// object, whose `metadata.name` an update addresses; patch: JSON Patch operations), the option fields.
    /// - Throws: ``ActionError`` `.invalidInput` for inputs of the wrong type or a name that cannot be a path segment.
    init(
        _ verb: KubernetesVerb, _ resource: KubernetesResource, namespace: String, inputs invocation: ActionInvocation
    )
        throws(ActionError)
    {
        method = verb.method
        var name: String?
        switch verb {
        case .get:
            name = try invocation.runnerString("name")
        case .list:
            query = try KubernetesOptions.list(invocation)
        case .create:
            body = try KubernetesOptions.object(invocation)
            query = try KubernetesOptions.write(invocation)
        case .update:
            body = try KubernetesOptions.object(invocation)
            name = body?["metadata"]?["name"]?.stringValue ?? ""
            query = try KubernetesOptions.write(invocation)
        case .patch:
            name = try invocation.runnerString("name")
            body = try KubernetesOptions.patchOperations(invocation)
            contentType = "application/json-patch+json"
            query = try KubernetesOptions.write(invocation, patch: true)
        case .delete:
            name = try invocation.runnerString("name")
            body = try KubernetesOptions.delete(invocation)
        case .deleteMultiple:
            query = try KubernetesOptions.list(invocation)
            body = try KubernetesOptions.delete(invocation)
        }
        path = try resource.path(namespace: namespace, name: name)
    }

    /// Sends the call and parses the answer.
    func send(with client: KubernetesClient) async throws(ActionError) -> JSONValue {
        try await client.json(method, path, query: query, body: body, contentType: contentType)
    }
}
