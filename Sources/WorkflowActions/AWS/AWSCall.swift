import Crypto
import Foundation
import WorkflowModel

/// One step's call of a table action: its inputs checked against the definition, the request they make and
/// the outputs of the response.
struct AWSCall: Sendable {
    let definition: AWSActionDefinition
    let inputs: [String: JSONValue]
    /// The step's `region` input, if given.
    let region: String?

    /// Checks that every required input is given (a non-empty string where a string is expected).
    init(definition: AWSActionDefinition, inputs: [String: JSONValue]) throws(ActionError) {
        self.definition = definition
        self.inputs = inputs.filter { !$0.value.isNull }
        for input in definition.inputs where input.required {
            guard let value = self.inputs[input.name], value != .string("") else {
                throw ActionError(.invalidInput, "input \"\(input.name)\" is required")
            }
        }
        if let value = self.inputs["region"] {
            guard let text = value.stringValue, !text.isEmpty else {
                throw ActionError(.invalidInput, "input \"region\" must be a region name such as \"us-east-1\"")
            }
            region = text
        } else {
            region = nil
        }
    }

    /// The request members, by AWS name: declared `.member` inputs, then (pass-through) every other input.
    var members: [(String, JSONValue)] {
        let service = definition.service
        let wire = { (name: String) in service.pascalCaseMembers ? AWSQueryProtocol.capitalized(name) : name }
        var result: [(String, JSONValue)] = []
        for input in definition.inputs where input.location == .member {
            if let value = inputs[input.name] { result.append((input.wire ?? wire(input.name), value)) }
        }
        if definition.passThrough {
            let declared = Set(definition.inputs.map(\.name))
            for name in inputs.keys.sorted() where !declared.contains(name) {
                result.append((wire(name), inputs[name] ?? .null))
            }
        }
        return result
    }

    /// The request of `operation` (the definition's, or a composite's other calls) with `members`.
    func request(
        operation: String, endpoint: AWSEndpoint, members override: [(String, JSONValue)]? = nil
    ) throws(ActionError) -> AWSRequest {
        let members = override ?? self.members
        switch definition.service.wireProtocol {
        case .query(let version, let ec2Style):
            let items = AWSQueryProtocol.items(
                operation: operation, version: version, parameters: members, ec2Style: ec2Style)
            return AWSQueryProtocol.request(items: items, endpoint: endpoint)
        case .json(let prefix, let version):
            let body = JSONValue.object(Dictionary(members, uniquingKeysWith: { _, last in last }))
            return AWSRequest(
                method: "POST", scheme: endpoint.scheme, host: endpoint.host, path: endpoint.basePath + "/",
                headers: [
                    AWSRequest.Header("X-Amz-Target", "\(prefix).\(operation)"),
                    AWSRequest.Header("Content-Type", "application/x-amz-json-\(version)"),
                ], body: Array(body.compactJSON.utf8))
        case .restJSON, .restXML:
            return try restRequest(endpoint: endpoint)
        }
    }

    private func restRequest(endpoint: AWSEndpoint) throws(ActionError) -> AWSRequest {
        guard let route = definition.route else {
            throw ActionError(.unsupported, "\(definition.id) has no REST route")
        }
        var path = route.path
        var host = endpoint.host
        var query = route.query
        var headers = route.headers
        var body = Array((route.body ?? "").utf8)
        for input in definition.inputs {
            guard let value = inputs[input.name] else { continue }
            switch input.location {
            case .path:
                let text = try Self.text(value, input: input.name)
                if definition.service == .s3, input.name == "bucket", !endpoint.isOverride {
                    host = "\(text).\(host)"
                    path = path.replacingOccurrences(of: "/{bucket}", with: "")
                } else {
                    path = path.replacingOccurrences(of: "{\(input.name)}", with: text)
                }
            case .header(let name): headers.append(AWSRequest.Header(name, try Self.text(value, input: input.name)))
            case .query(let name): query.append(AWSRequest.QueryItem(name, try Self.text(value, input: input.name)))
            case .payload: body = Array((value.stringValue ?? value.compactJSON).utf8)
            case .member:
                let escaped = Self.xmlEscaped(try Self.text(value, input: input.name))
                let current = String(decoding: body, as: UTF8.self)
                body = Array(current.replacingOccurrences(of: "{\(input.name)}", with: escaped).utf8)
            case .none: break
            }
        }
        if definition.service.wireProtocol == .restJSON, route.method == "POST", body.isEmpty {
            body = Array("{}".utf8)
        }
        if route.contentMD5 {
            headers.append(AWSRequest.Header("Content-MD5", Data(Insecure.MD5.hash(data: body)).base64EncodedString()))
        }
        if route.body != nil, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
            headers.append(AWSRequest.Header("Content-Type", "application/xml"))
        }
        return AWSRequest(
            method: route.method, scheme: endpoint.scheme, host: host,
            path: endpoint.basePath + (path.isEmpty ? "/" : path), query: query, headers: headers, body: body)
    }

    /// The step's outputs for `response`, with `amzRequestId`.
    func outputs(of response: AWSResponse) throws(ActionError) -> JSONValue {
        var members: [String: JSONValue]
        var requestId = response.requestId
        switch definition.service.wireProtocol {
        case .query(_, let ec2Style):
            let result = try AWSQueryProtocol.result(
                of: response, operation: definition.operation, ec2Style: ec2Style)
            members = result.members
            requestId = result.requestId ?? requestId
        case .json, .restJSON:
            let parsed = response.body.isEmpty ? nil : try? JSONValue.parse(Data(response.body))
            members = parsed?.objectValue ?? [:]
        case .restXML:
            members = [:]
        }
        var outputs: [String: JSONValue] = [:]
        switch definition.outputs {
        case .members(let lists):
            for (name, value) in members {
                let key = AWSQueryProtocol.lowerCamel(name)
                outputs[key] = lists.contains(key) && value == .string("") ? .array([]) : value
            }
            for list in lists where outputs[list] == nil { outputs[list] = .array([]) }
        case .member(let name, let path, let first):
            var value: JSONValue? = .object(members)
            for key in path { value = value?[key] }
            outputs[name] = first ? (value?.arrayValue?.first ?? .null) : (value ?? .null)
        case .headers(let map):
            for (output, header) in map {
                guard let text = response.header(header) else { continue }
                outputs[output] = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            }
        case .none:
            break
        case .ec2Instances:
            let reservations = members["Reservations"]?.arrayValue ?? []
            outputs["instances"] = .array(reservations.flatMap { $0["Instances"]?.arrayValue ?? [] })
            if let token = members["NextToken"], token != .string("") { outputs["nextToken"] = token }
        case .lambdaInvoke:
            outputs["statusCode"] = .number(Double(response.status))
            if let error = response.header("x-amz-function-error") { outputs["functionError"] = .string(error) }
            let text = String(decoding: response.body, as: UTF8.self)
            outputs["payload"] = (try? JSONValue.parse(Data(response.body))) ?? .string(text)
        }
        outputs["amzRequestId"] = requestId.map(JSONValue.string) ?? .null
        return .object(outputs)
    }

    /// A scalar input as text.
    static func text(_ value: JSONValue, input: String) throws(ActionError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return JSONValue.format(number: number)
        case .bool(let flag): return flag ? "true" : "false"
        default: throw ActionError(.invalidInput, "input \"\(input)\" must be a string, got \(value.typeName)")
        }
    }

    private static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
