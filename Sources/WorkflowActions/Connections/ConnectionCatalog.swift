import Foundation
import WorkflowModel

/// The local connections file (`stepwise run --connections FILE`): per connection id or label, a base URL and
/// headers whose values may name environment variables (`"Bearer ${GITHUB_TOKEN}"`).
///
/// ```json
/// {"connections": {"github": {"baseUrl": "https://api.github.com",
///                             "headers": {"Authorization": "Bearer ${GITHUB_TOKEN}"}}}}
/// ```
public struct ConnectionCatalog: Sendable, Hashable {
    /// One entry of the file, before variables are substituted.
    public struct Entry: Sendable, Hashable {
        public var baseURL: String
        /// Header name → value template, in name order.
        public var headers: [(name: String, value: String)] {
            headerTemplates.keys.sorted().map { (name: $0, value: headerTemplates[$0] ?? "") }
        }
        var headerTemplates: [String: String]
        /// An AWS connection's settings (`"aws": {…}`), variables not yet substituted; `nil` for HTTP connections.
        public var aws: AWSConnectionSettings? = nil
    }

    /// Entries by connection id or label.
    public private(set) var entries: [String: Entry]

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
            if let aws = value["aws"] {
                if let field = Set(value.objectValue?.keys.map { $0 } ?? []).subtracting(["aws"]).sorted().first {
                    throw ConnectionError(
                        .malformed, "connection \"\(name)\": an AWS connection has no field \"\(field)\"")
                }
                entries[name] = Entry(
                    baseURL: "", headerTemplates: [:], aws: try AWSConnectionSettings(json: aws, connection: name))
                continue
            }
            guard let base = value["baseUrl"]?.stringValue, ResolvedConnection.Origin(base) != nil else {
                throw ConnectionError(
                    .malformed, "connection \"\(name)\": \"baseUrl\" must be an absolute URL such as https://host")
            }
            var headers: [String: String] = [:]
            if let given = value["headers"], !given.isNull {
                guard let object = given.objectValue else {
                    throw ConnectionError(
                        .malformed, "connection \"\(name)\": \"headers\" must be an object of strings")
                }
                for (header, text) in object {
                    guard let text = text.stringValue, !header.isEmpty, !header.contains(":"),
                        !text.contains(where: \.isNewline)
                    else {
                        throw ConnectionError(
                            .malformed, "connection \"\(name)\": header \"\(header)\" must be a one-line string")
                    }
                    headers[header] = text
                }
            }
            let unknown = Set(value.objectValue?.keys.map { $0 } ?? []).subtracting(["baseUrl", "headers"])
            if let field = unknown.sorted().first {
                throw ConnectionError(.malformed, "connection \"\(name)\": unknown field \"\(field)\"")
            }
            entries[name] = Entry(baseURL: base, headerTemplates: headers)
        }
        self.entries = entries
    }

    /// The connection a step's `connectionLabel` names: the label becomes a connection id through the spec's
    /// `connectionEnvs`; the file is searched by that id, then by the label.
    /// - Throws: ``ConnectionError`` `.unknownConnection` when neither is in the file, `.missingVariable`
    ///   naming a variable a header needs that `environment` lacks.
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
        if let aws = entry.aws {
            let settings = try aws.substituting(environment: environment, connection: key)
            return ResolvedConnection(name: key, baseURL: "", aws: settings)
        }
        var headers: [ResolvedConnection.Header] = []
        for (name, template) in entry.headers {
            let value = try Self.substitute(
                template, environment: environment, context: "connection \"\(key)\" header \"\(name)\"")
            headers.append(ResolvedConnection.Header(name: name, value: value))
        }
        return ResolvedConnection(name: key, baseURL: entry.baseURL, headers: headers)
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
