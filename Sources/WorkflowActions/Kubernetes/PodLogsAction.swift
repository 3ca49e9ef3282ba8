import WorkflowModel

/// `com.datadoghq.kubernetes.core.getPodLogs`: the log of one pod's container through the `pods/{name}/log`
/// subresource, at most 9 MiB, never followed. Inputs `name`*, `namespace`*, `container`, `previous`,
/// `sinceSeconds` or `sinceTime`, `timestamps`, `tailLines`, `limitBytes` (≤ 9 MiB, the default). Outputs
/// `{logs}`. (The runner also masks the text with the Datadog Agent's log processing rules; Stepwise has none.)
public struct PodLogsAction: Action {
    private let settings: KubernetesSettings
    /// The runner's cap: 9 MiB.
    public static let maxBytes = 9 * 1024 * 1024

    public init(settings: KubernetesSettings = KubernetesSettings()) { self.settings = settings }

    /// Reads the log.
    /// - Throws: ``ActionError`` `.invalidInput` with the runner's messages (`pod name is required`, `only one of
    ///   sinceSeconds and sinceTime may be specified`, …); `.failed` with the API's message or `pod logs exceed the
    ///   9437184 byte output limit`; `.timedOut`.
    public func run(_ invocation: ActionInvocation) async throws(ActionError) -> ActionResult {
        let name = try invocation.runnerString("name")
        let namespace = try invocation.runnerString("namespace")
        guard !name.isEmpty else { throw ActionError(.invalidInput, "pod name is required") }
        guard !namespace.isEmpty else { throw ActionError(.invalidInput, "pod namespace is required") }
        var query: [(name: String, value: String)] = []
        let container = try invocation.runnerString("container")
        if !container.isEmpty { query.append(("container", container)) }
        if try invocation.runnerBool("previous") == true { query.append(("previous", "true")) }
        let sinceSeconds = try invocation.runnerInteger("sinceSeconds", in: Int(Int32.min)...Int(Int32.max))
        let sinceTime = try invocation.runnerString("sinceTime")
        if sinceSeconds != nil, !sinceTime.isEmpty {
            throw ActionError(.invalidInput, "only one of sinceSeconds and sinceTime may be specified")
        }
        if let sinceSeconds {
            guard sinceSeconds > 0 else { throw ActionError(.invalidInput, "sinceSeconds must be positive") }
            query.append(("sinceSeconds", String(sinceSeconds)))
        }
        if !sinceTime.isEmpty { query.append(("sinceTime", sinceTime)) }
        if try invocation.runnerBool("timestamps") == true { query.append(("timestamps", "true")) }
        if let tail = try invocation.runnerInteger("tailLines", in: Int(Int32.min)...Int(Int32.max)) {
            guard tail >= 0 else { throw ActionError(.invalidInput, "tailLines must not be negative") }
            query.append(("tailLines", String(tail)))
        }
        let limit = try invocation.runnerInteger("limitBytes", in: Int(Int32.min)...Int(Int32.max)) ?? Self.maxBytes
        guard limit > 0 else { throw ActionError(.invalidInput, "limitBytes must be positive") }
        guard limit <= Self.maxBytes else {
            throw ActionError(.invalidInput, "limitBytes must not exceed \(Self.maxBytes) bytes")
        }
        query.append(("limitBytes", String(limit)))
        let pods = KubernetesResource.core.first { $0.kind == "Pod" } ?? KubernetesResource.core[0]
        let path = try pods.path(namespace: namespace, name: name) + "/log"
        return try await settings.run(invocation) { client throws(ActionError) in
            let bytes = try await client.send("GET", path, query: query)
            guard bytes.count <= Self.maxBytes else {
                throw ActionError(.failed, "pod logs exceed the \(Self.maxBytes) byte output limit")
            }
            return ["logs": .string(String(decoding: bytes, as: UTF8.self))]
        }
    }
}

extension PodLogsAction: DescribedAction {
    public var outputShape: JSONValue { ["logs": ""] }
    public var requirements: String { KubernetesActionID.requirements }
}
