import Foundation
import WorkflowModel

/// The local connections file (`stepwise run --connections FILE`): per connection id or label, a base URL,
/// headers, URL parameters and a body whose values may name environment variables (`"Bearer ${GITHUB_TOKEN}"`)
/// and credentials (`{{ Credentials.token }}`); a service `type` with its fields (``ConnectionService``); or a
/// runner credential file (``RunnerCredentialFile``) under `credentials`. Format: docs/connections.md.
///
/// ```json
/// {"connections": {"github": {"baseUrl": "https://api.github.com",
///                             "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"}}}}
/// ```
public struct ConnectionCatalog: Sendable, Hashable {
    /// Entries by connection id or label.
    public internal(set) var entries: [String: Entry]

    /// An empty catalog.
    public init() { entries = [:] }

    /// Reads the file's JSON (the CLI converts YAML to JSON first).
    /// - Throws: ``ConnectionError`` `.malformed` naming the entry or field at fault.
    public init(json: JSONValue) throws(ConnectionError) {
        guard let members = json["connections"]?.objectValue else {
            throw ConnectionError(.malformed, "a connections file is an object with a \"connections\" object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in members {
            entries[name] = try Entry(name: name, json: value)
        }
        self.entries = entries
    }

    /// The connection a step's `connectionLabel` names: the label becomes a connection id through the spec's
    /// `connectionEnvs`; the file is searched by that id, then by the label.
    /// - Throws: ``ConnectionError`` `.unknownConnection` when neither is in the file, `.missingVariable`
    ///   naming a variable a header needs that `environment` lacks, `.missingCredential` or `.unreadable` for
    ///   a credential that is missing or a file that cannot be read.
    public func resolve(
        label: String, in spec: WorkflowSpec, environment: [String: String]
    ) throws(ConnectionError) -> ResolvedConnection {
        let ids = (spec.connectionEnvs ?? []).flatMap { env in
            (env.connections ?? []).filter { $0.label == label }.map(\.connectionId)
                + (env.connectionGroups ?? []).filter { $0.label == label }.map(\.connectionGroupId)
        }
        let found = (ids + [label]).lazy.compactMap { key in entries[key].map { (key, $0) } }.first
        guard let (key, entry) = found else {
            let idText = ids.first.map { " (connection id \($0))" } ?? ""
            throw ConnectionError(
                .unknownConnection, "connection \"\(label)\"\(idText) is not in the connections file")
        }
        return try entry.resolved(key: key, environment: environment)
    }

    /// Replaces each `${NAME}` in `template` by the variable's value.
    /// - Throws: ``ConnectionError`` `.missingVariable` naming the first unset variable.
    public static func substitute(
        _ template: String, environment: [String: String], context: String
    ) throws(ConnectionError) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                result += rest[open.lowerBound...]
                return result
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name] else {
                throw ConnectionError(
                    .missingVariable, "\(context) needs environment variable \(name), which is not set")
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
