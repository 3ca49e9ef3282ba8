import Foundation
import WorkflowModel

extension ConnectionCatalog {
    /// One entry of the connections file, before variables, files and credentials are read.
    public struct Entry: Sendable, Hashable {
        /// The `baseUrl` given in the file ("" when the entry has none: then the service's, or no host check).
        public var baseURL: String
        /// Header name → value template, in name order.
        public var headers: [(name: String, value: String)] {
            headerTemplates.keys.sorted().map { (name: $0, value: headerTemplates[$0] ?? "") }
        }
        var headerTemplates: [String: String]
        var parameterTemplates: [String: String] = [:]
        var body: ResolvedConnection.Body?
        /// `type`: a known service (``ConnectionService``).
        var service: ConnectionService?
        /// The service's fields as given: text with `${VAR}`, or `{"file": path}`.
        var fields: [String: SecretSource] = [:]
        /// `credentials`: the path of a runner credential file.
        var credentialFile: String?
        /// An AWS connection's settings (`"aws": {…}`), variables not yet substituted; `nil` for HTTP connections.
        public var aws: AWSConnectionSettings? = nil

        /// Where a credential value comes from.
        enum SecretSource: Sendable, Hashable {
            case text(String)
            case file(String)
        }

        init(baseURL: String, headerTemplates: [String: String]) {
            self.baseURL = baseURL
            self.headerTemplates = headerTemplates
        }

        /// Reads one entry of the file.
        /// - Throws: ``ConnectionError`` `.malformed` naming the entry and the field.
        init(name: String, json value: JSONValue) throws(ConnectionError) {
            func fail(_ message: String) -> ConnectionError {
                ConnectionError(.malformed, "connection \"\(name)\": \(message)")
            }
            guard let members = value.objectValue else { throw fail("must be an object") }
            if let aws = members["aws"] {
                if let field = Set(members.keys).subtracting(["aws"]).sorted().first {
                    throw fail("an AWS connection has no field \"\(field)\"")
                }
                baseURL = ""
                headerTemplates = [:]
                self.aws = try AWSConnectionSettings(json: aws, connection: name)
                return
            }
            if let type = members["type"] {
                guard let text = type.stringValue, let service = ConnectionService.all[text] else {
                    let known = ConnectionService.all.keys.sorted().joined(separator: ", ")
                    throw fail("\"type\" must be one of \(known)")
                }
                self.service = service
            }
            credentialFile = members["credentials"]?.stringValue
            if members["credentials"] != nil, credentialFile == nil {
                throw fail("\"credentials\" must be the path of a credential file")
            }
            let given = members["baseUrl"]
            if let given {
                guard let base = given.stringValue, ResolvedConnection.Origin(base) != nil else {
                    throw fail("\"baseUrl\" must be an absolute URL such as https://host")
                }
                baseURL = base
            } else if service != nil || credentialFile != nil {
                baseURL = ""
            } else {
                throw fail("\"baseUrl\" must be an absolute URL such as https://host")
            }
            headerTemplates = try Self.strings(members["headers"], "headers", in: name)
            parameterTemplates = try Self.strings(members["urlParams"], "urlParams", in: name)
            if let body = members["body"], !body.isNull {
                guard let content = body["content"]?.stringValue, let type = body["contentType"]?.stringValue else {
                    throw fail("\"body\" must be {\"content\": string, \"contentType\": string}")
                }
                self.body = ResolvedConnection.Body(content: content, contentType: type)
            }
            var known: Set<String> = ["baseUrl", "headers", "urlParams", "body", "type", "credentials"]
            for field in service?.fields ?? [] {
                known.insert(field.name)
                switch members[field.name] {
                case nil, .null?: continue
                case .string(let text)?: fields[field.name] = .text(text)
                case .object(let source)? where source.count == 1 && source["file"]?.stringValue != nil:
                    fields[field.name] = .file(source["file"]?.stringValue ?? "")
                default: throw fail("\"\(field.name)\" must be a string or {\"file\": path}")
                }
            }
            if let field = Set(members.keys).subtracting(known).sorted().first {
                throw fail("unknown field \"\(field)\"")
            }
        }

        private static func strings(
            _ value: JSONValue?, _ field: String, in name: String
        ) throws(ConnectionError) -> [String: String] {
            guard let value, !value.isNull else { return [:] }
            guard let object = value.objectValue else {
                throw ConnectionError(.malformed, "connection \"\(name)\": \"\(field)\" must be an object of strings")
            }
            var result: [String: String] = [:]
            for (key, text) in object {
                guard let text = text.stringValue, !key.isEmpty, !key.contains(":"),
                    !text.contains(where: \.isNewline)
                else {
                    let what = field == "headers" ? "header" : "parameter"
                    throw ConnectionError(
                        .malformed, "connection \"\(name)\": \(what) \"\(key)\" must be a one-line string")
                }
                result[key] = text
            }
            return result
        }
    }
}
