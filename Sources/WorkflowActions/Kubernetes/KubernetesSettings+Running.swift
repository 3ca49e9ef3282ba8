import WorkflowModel

extension KubernetesSettings {
    /// Runs `body` with a client for the cluster of `invocation`'s connection, under the task time limit its
    /// `timeout` input sets; outputs and error messages are scrubbed of the connection's and the cluster's secrets.
    /// - Throws: ``ActionError``: an unusable connection or kubeconfig, and what `body` throws.
    func run(
        _ invocation: ActionInvocation, _ body: (KubernetesClient) async throws(ActionError) -> JSONValue
    ) async throws(ActionError) -> ActionResult {
        var scrubber = invocation.connection ?? ResolvedConnection(name: "kubernetes", baseURL: "")
        do throws(ActionError) {
            let endpoint = try KubernetesEndpoint.resolve(invocation.connection, settings: self)
            scrubber.secretValues.formUnion(endpoint.secrets)
            let client = KubernetesClient(
                endpoint: endpoint, loop: loop,
                timeout: TaskTimeout(inputs: invocation.inputs, defaultSeconds: defaultTimeoutSeconds))
            return ActionResult(outputs: scrubber.scrub(try await body(client)))
        } catch {
            throw ActionError(error.code, scrubber.scrub(error.message))
        }
    }
}

extension KubernetesResource {
    /// `…/namespaces/{namespace}/{plural}[/{name}]` (no namespace segment for a cluster-scoped resource, or when
    /// `namespace` is empty: every namespace).
    /// - Throws: ``ActionError`` `.invalidInput` for a name or namespace that cannot be a path segment.
    func path(namespace: String, name: String?) throws(ActionError) -> String {
        var path = groupPath
        if namespaced, !namespace.isEmpty {
            path += "/namespaces/" + (try KubernetesPath.segment(namespace, "namespace"))
        }
        path += "/" + plural
        if let name { path += "/" + (try KubernetesPath.segment(name, "resource name")) }
        return path
    }
}

/// Path segments as client-go checks them.
enum KubernetesPath {
    /// `value` percent-escaped for a path.
    /// - Throws: ``ActionError`` `.invalidInput` when it is empty, `.`, `..`, or contains `/` or `%`.
    static func segment(_ value: String, _ what: String) throws(ActionError) -> String {
        guard !value.isEmpty else { throw ActionError(.invalidInput, "\(what) may not be empty") }
        guard value != ".", value != ".." else { throw ActionError(.invalidInput, "\(what) may not be '\(value)'") }
        for character in ["/", "%"] where value.contains(character) {
            throw ActionError(.invalidInput, "\(what) may not contain '\(character)'")
        }
        return URLFormEncoding.escape(value, spaceAsPlus: false)
    }

    /// The object without `apiVersion` and `kind`, as the runner's typed outputs show it (`{metadata, spec,
    /// status}` for a Deployment, `{metadata, data}` for a ConfigMap).
    static func typedOutput(_ object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        members["apiVersion"] = nil
        members["kind"] = nil
        return .object(members)
    }
}
