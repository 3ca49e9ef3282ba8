import Foundation
import WorkflowModel

extension ConnectionCatalog.Entry {
    /// The connection with every variable, file and credential read.
    /// - Throws: ``ConnectionError`` naming the connection and what is missing.
    func resolved(key: String, environment: [String: String]) throws(ConnectionError) -> ResolvedConnection {
        if let aws {
            let settings = try aws.substituting(environment: environment, connection: key)
            return ResolvedConnection(name: key, baseURL: "", aws: settings)
        }
        var secrets: Set<String> = []
        var credentials: [String: String] = [:]
        var isBasicAuth = false
        var service = self.service
        if let credentialFile {
            let file = try RunnerCredentialFile(path: credentialFile)
            credentials = file.tokens
            isBasicAuth = file.isBasicAuth
            // A file alone (`--credentials DIR`) is GitLab's or Jenkins' when it has their token names.
            if service == nil, baseURL.isEmpty { service = ConnectionService.recognised(byRunnerTokens: credentials) }
        }
        for field in service?.fields ?? [] {
            let context = "connection \"\(key)\" field \"\(field.name)\""
            switch fields[field.name] {
            case .text(let template)?:
                credentials[field.name] = try ConnectionCatalog.substitute(
                    template, environment: environment, context: context, used: &secrets)
            case .file(let path)?:
                credentials[field.name] = try RunnerCredentialFile.read(secretFile: path, for: context)
            case nil:
                // A runner credential file's token wins over the field's default.
                if credentials[field.name] == nil, let fallback = field.defaultValue {
                    credentials[field.name] = fallback
                } else if field.required, credentials[field.name] == nil {
                    throw ConnectionError(
                        .missingCredential,
                        "connection \"\(key)\" (\(service?.type ?? "")) needs \"\(field.name)\"")
                }
            }
        }
        secrets.formUnion(credentials.filter { !ResolvedConnection.publicCredentials.contains($0.key) }.values)
        func render(_ template: String, _ context: String) throws(ConnectionError) -> String {
            let substituted = try ConnectionCatalog.substitute(
                template, environment: environment, context: context, used: &secrets)
            return try ConnectionCatalog.fillCredentials(substituted, credentials, context: context)
        }
        var headers: [ResolvedConnection.Header] = []
        for (name, template) in self.headers {
            headers.append(.init(name: name, value: try render(template, "connection \"\(key)\" header \"\(name)\"")))
        }
        if isBasicAuth {
            let pair = "\(credentials["username"] ?? ""):\(credentials["password"] ?? "")"
            headers.removeAll { $0.name.lowercased() == "authorization" }
            headers.append(.init(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        var parameters: [ResolvedConnection.Header] = []
        for name in parameterTemplates.keys.sorted() {
            let value = try render(parameterTemplates[name] ?? "", "connection \"\(key)\" parameter \"\(name)\"")
            parameters.append(.init(name: name, value: value))
        }
        var body = self.body
        if let template = body?.content { body?.content = try render(template, "connection \"\(key)\" body") }
        let base = baseURL.isEmpty ? (service?.baseURL(credentials) ?? "") : baseURL
        if !base.isEmpty, ResolvedConnection.Origin(base) == nil {
            throw ConnectionError(.malformed, "connection \"\(key)\": base URL \"\(base)\" is not an absolute URL")
        }
        return ResolvedConnection(
            name: key, baseURL: base, headers: headers, urlParameters: parameters, body: body,
            credentials: credentials, secretValues: secrets)
    }
}

extension ConnectionCatalog {
    /// `${NAME}` substitution that also collects the values it inserted (they are secrets).
    static func substitute(
        _ template: String, environment: [String: String], context: String, used: inout Set<String>
    ) throws(ConnectionError) -> String {
        var scan = template[...]
        while let open = scan.range(of: "${"), let close = scan[open.upperBound...].firstIndex(of: "}") {
            if let value = environment[String(scan[open.upperBound..<close])] { used.insert(value) }
            scan = scan[scan.index(after: close)...]
        }
        return try substitute(template, environment: environment, context: context)
    }

    /// Replaces `{{ Credentials.name }}`, `{{ $credentials.name }}` and `{{ name }}` by the credential `name`,
    /// as the runner renders connection values against its tokens.
    /// - Throws: ``ConnectionError`` `.missingCredential` naming the credential.
    static func fillCredentials(
        _ text: String, _ credentials: [String: String], context: String
    ) throws(ConnectionError) -> String {
        guard text.contains("{{") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            var name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            for prefix in ["Credentials.", "$credentials."] where name.hasPrefix(prefix) {
                name = String(name.dropFirst(prefix.count))
            }
            guard let value = credentials[name] else {
                throw ConnectionError(.missingCredential, "\(context) names credential \"\(name)\", which is not set")
            }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
