import WorkflowModel

/// An action Stepwise does not build in, described by a JSON file in `actions/`: its inputs, outputs and
/// implementation (an HTTP request template or a shell script). Format: `actions/README.md`.
public struct ActionManifest: Sendable, Hashable {
    /// How the action is carried out.
    public enum Implementation: Sendable, Hashable {
        /// Inputs of `com.datadoghq.http.request` (`verb`, `url`, `headers`, `urlParams`, `body`, …) with
        /// `{{ Inputs.x }}` placeholders.
        case http(JSONValue)
        /// Inputs of `com.datadoghq.script.runShellScript`; the script reads inputs as `INPUT_<NAME>`
        /// environment variables (it is not templated), `env` and `workingDirectory` are.
        case shell(JSONValue)
    }

    /// The action id steps name (`com.datadoghq.github.createIssue`).
    public var actionId: String
    public var description: String?
    public var inputs: [ManifestInput]
    public var outputs: [ManifestOutput]
    /// Whether the file says `"outputs": []`: the step's outputs are then `{}` whatever the implementation
    /// returns (the runner's actions whose outputs are an empty struct).
    public var outputsAreEmpty = false
    public var implementation: Implementation
    /// How an `http` implementation authenticates (``ManifestAuth``); nil: it does not.
    public var auth: ManifestAuth?
    /// A request made before the main one (``ManifestLookup``); its selected value is `Lookup` in templates.
    public var lookup: ManifestLookup?
    /// A failure a service reports in a successful response (Slack answers `200 {"ok": false}`): when the
    /// value at `path` (over `Result`) equals `equals`, the step fails with `message` (a template).
    public var errorIf: ErrorCondition?

    /// See ``errorIf``.
    public struct ErrorCondition: Sendable, Hashable {
        /// A placeholder path such as `Result.body.ok`.
        public var path: String
        public var equals: JSONValue
        /// A template over `Inputs` and `Result`.
        public var message: String
    }

    /// The fields an `http` implementation may have.
    static let httpFields: Set<String> = [
        "verb", "url", "baseUrl", "headers", "urlParams", "body", "formData", "followRedirect", "errorOnStatus",
        "responseParsing", "responseEncoding", "timeoutSeconds", "timeout",
    ]
    /// The fields a `shell` implementation may have.
    static let shellFields: Set<String> = ["script", "env", "workingDirectory", "timeout", "noFailOnError"]

    public init(
        actionId: String, description: String? = nil, inputs: [ManifestInput], outputs: [ManifestOutput] = [],
        implementation: Implementation, auth: ManifestAuth? = nil
    ) {
        self.actionId = actionId
        self.description = description
        self.inputs = inputs
        self.outputs = outputs
        self.implementation = implementation
        self.auth = auth
    }

    /// Reads a manifest's JSON.
    /// - Throws: ``ManifestError`` `.malformed` naming the field at fault.
    public init(json: JSONValue) throws(ManifestError) {
        func fail(_ message: String) -> ManifestError { ManifestError(.malformed, message) }
        guard let members = json.objectValue else { throw fail("a manifest is a JSON object") }
        let known: Set<String> = [
            "actionId", "description", "inputs", "outputs", "http", "shell", "auth", "errorIf", "lookup",
        ]
        if let field = Set(members.keys).subtracting(known).sorted().first { throw fail("unknown field \"\(field)\"") }
        guard let actionId = json["actionId"]?.stringValue, !actionId.isEmpty else {
            throw fail("\"actionId\" must be a non-empty string")
        }
        self.actionId = actionId
        description = json["description"]?.stringValue
        inputs = []
        for (index, item) in (json["inputs"]?.arrayValue ?? []).enumerated() {
            let (name, type) = try Self.nameAndType(item, at: "inputs[\(index)]")
            if inputs.contains(where: { $0.name == name }) { throw fail("input \"\(name)\" is declared twice") }
            let defaultValue = item["default"]
            if let defaultValue, !defaultValue.isNull, !type.accepts(defaultValue) {
                throw fail("input \"\(name)\": the default is \(defaultValue.typeName), not \(type.rawValue)")
            }
            inputs.append(
                ManifestInput(
                    name: name, type: type, required: item["required"]?.boolValue ?? false,
                    defaultValue: defaultValue, description: item["description"]?.stringValue))
        }
        outputs = []
        outputsAreEmpty = json["outputs"]?.arrayValue?.isEmpty == true
        for (index, item) in (json["outputs"]?.arrayValue ?? []).enumerated() {
            let (name, type) = try Self.nameAndType(item, at: "outputs[\(index)]")
            outputs.append(
                ManifestOutput(
                    name: name, type: type, value: item["value"], description: item["description"]?.stringValue,
                    shape: item["shape"]))
        }
        switch (json["http"], json["shell"]) {
        case (let http?, nil):
            try Self.check(http, fields: Self.httpFields, required: "url", in: "http")
            implementation = .http(http)
        case (nil, let shell?):
            try Self.check(shell, fields: Self.shellFields, required: "script", in: "shell")
            implementation = .shell(shell)
        default:
            throw fail("a manifest has exactly one implementation: \"http\" or \"shell\"")
        }
        if let auth = json["auth"] {
            guard case .http = implementation else { throw fail("\"auth\" applies to an \"http\" implementation only") }
            self.auth = try ManifestAuth(json: auth)
        }
        if let condition = json["errorIf"] {
            guard let path = condition["path"]?.stringValue, let equals = condition["equals"],
                let message = condition["message"]?.stringValue, condition.objectValue?.count == 3
            else { throw fail("\"errorIf\" is {\"path\": \"Result.…\", \"equals\": value, \"message\": text}") }
            errorIf = ErrorCondition(path: path, equals: equals, message: message)
        }
        if let lookup = json["lookup"] {
            guard case .http = implementation else {
                throw fail("\"lookup\" applies to an \"http\" implementation only")
            }
            self.lookup = try ManifestLookup(json: lookup)
        }
        var used = Self.templateRoots(implementation)
        if let lookup { used.formUnion(ManifestTemplate.roots(in: lookup.http)) }
        for value in outputs.compactMap(\.value) { used.formUnion(ManifestTemplate.roots(in: value)) }
        if let root = used.subtracting(["Inputs", "Result", "Credentials", "Lookup"]).sorted().first {
            throw fail("placeholder root \"\(root)\" is unknown (use Inputs, Credentials, Lookup or Result)")
        }
    }

    private static func templateRoots(_ implementation: Implementation) -> Set<String> {
        switch implementation {
        case .http(let value), .shell(let value): return ManifestTemplate.roots(in: value)
        }
    }

    private static func nameAndType(
        _ item: JSONValue, at path: String
    ) throws(ManifestError) -> (String, ManifestInput.ValueType) {
        guard let name = item["name"]?.stringValue, !name.isEmpty else {
            throw ManifestError(.malformed, "\(path): \"name\" must be a non-empty string")
        }
        let typeName = item["type"]?.stringValue ?? "any"
        guard let type = ManifestInput.ValueType(rawValue: typeName) else {
            let names = ManifestInput.ValueType.allCases.map(\.rawValue).joined(separator: ", ")
            throw ManifestError(.malformed, "\(path) \"\(name)\": unknown type \"\(typeName)\" (one of \(names))")
        }
        return (name, type)
    }

    private static func check(
        _ value: JSONValue, fields: Set<String>, required: String, in name: String
    ) throws(ManifestError) {
        guard let members = value.objectValue else {
            throw ManifestError(.malformed, "\"\(name)\" must be an object")
        }
        if let field = Set(members.keys).subtracting(fields).sorted().first {
            throw ManifestError(.malformed, "\"\(name)\" has an unknown field \"\(field)\"")
        }
        guard let text = members[required]?.stringValue, !text.isEmpty else {
            throw ManifestError(.malformed, "\"\(name).\(required)\" must be a non-empty string")
        }
    }
}
