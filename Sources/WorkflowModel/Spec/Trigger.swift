/// What starts a workflow: one trigger kind and the steps it starts at.
public struct Trigger: Sendable, Hashable {
    /// The trigger kind (the wrapper's one `…Trigger` member).
    public var kind: TriggerKind
    /// The kind's own settings (`rateLimit`, `rruleExpression`, `formId`, …).
    public var options: TriggerOptions
    /// Steps the run starts at; they run concurrently.
    public var startStepNames: [String]?

    public init(kind: TriggerKind, options: TriggerOptions = TriggerOptions(), startStepNames: [String]? = nil) {
        self.kind = kind
        self.options = options
        self.startStepNames = startStepNames
    }
}

/// The 19 trigger kinds of Datadog's schema, named by their JSON member.
public enum TriggerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case api = "apiTrigger"
    case app = "appTrigger"
    case caseManagement = "caseTrigger"
    case changeEvent = "changeEventTrigger"
    case databaseMonitoring = "databaseMonitoringTrigger"
    case datastore = "datastoreTrigger"
    case dashboard = "dashboardTrigger"
    case form = "formTrigger"
    case githubWebhook = "githubWebhookTrigger"
    case incident = "incidentTrigger"
    case monitor = "monitorTrigger"
    case notebook = "notebookTrigger"
    case onCall = "onCallTrigger"
    case schedule = "scheduleTrigger"
    case security = "securityTrigger"
    case selfService = "selfServiceTrigger"
    case slack = "slackTrigger"
    case softwareCatalog = "softwareCatalogTrigger"
    case workflow = "workflowTrigger"

    /// The members the schema allows inside this kind's object; `nil` means any (a free-form object).
    public var allowedOptionKeys: Set<String>? {
        switch self {
        case .api, .caseManagement, .datastore, .githubWebhook, .incident, .monitor, .onCall, .security:
            return ["rateLimit"]
        case .form: return ["formId"]
        // `overlapBehavior` is a local extension (EXCLUSIVE_RUN, the default, or OVERLAP_ALLOWED).
        case .schedule: return ["rruleExpression", "overlapBehavior"]
        case .app, .changeEvent, .databaseMonitoring, .dashboard, .notebook, .selfService, .slack,
            .softwareCatalog, .workflow:
            return nil
        }
    }

    /// The source kind an automatic start of this trigger records (`monitor`, `schedule`, …).
    public var sourceKind: String {
        String(rawValue.dropLast("Trigger".count))
    }
}

/// Settings inside a trigger kind's object.
public struct TriggerOptions: Sendable, Hashable {
    /// At most `count` starts in any sliding `interval`.
    public var rateLimit: RateLimit?
    /// An iCalendar recurrence rule (schedule triggers).
    public var rruleExpression: String?
    /// The form that starts the workflow (form triggers).
    public var formId: String?
    /// Members of free-form trigger objects, kept so the spec encodes back unchanged.
    public var extra: [String: JSONValue]

    public init(
        rateLimit: RateLimit? = nil,
        rruleExpression: String? = nil,
        formId: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.rateLimit = rateLimit
        self.rruleExpression = rruleExpression
        self.formId = formId
        self.extra = extra
    }
}

/// A trigger's start limit.
public struct RateLimit: Sendable, Hashable, Codable {
    public var count: Int64?
    public var interval: SpecDuration?
    public init(count: Int64? = nil, interval: SpecDuration? = nil) {
        self.count = count
        self.interval = interval
    }
}

extension Trigger: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        var found: [(TriggerKind, DynamicKey)] = []
        for key in container.allKeys {
            if let kind = TriggerKind(rawValue: key.stringValue) { found.append((kind, key)) }
        }
        guard found.count == 1, let (kind, key) = found.first else {
            let names = found.map(\.0.rawValue).sorted().joined(separator: ", ")
            let detail =
                found.isEmpty
                ? "a trigger needs exactly one trigger kind (apiTrigger, workflowTrigger, …)"
                : "a trigger has exactly one trigger kind, found \(names)"
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: detail))
        }
        self.kind = kind
        self.options = try container.decode(TriggerOptions.self, forKey: key)
        self.startStepNames = try container.decodeIfPresent([String].self, forKey: DynamicKey("startStepNames"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(options, forKey: DynamicKey(kind.rawValue))
        try container.encodeIfPresent(startStepNames, forKey: DynamicKey("startStepNames"))
    }
}

extension TriggerOptions: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        var extra: [String: JSONValue] = [:]
        for key in container.allKeys {
            switch key.stringValue {
            case "rateLimit": rateLimit = try container.decode(RateLimit.self, forKey: key)
            case "rruleExpression": rruleExpression = try container.decode(String.self, forKey: key)
            case "formId": formId = try container.decode(String.self, forKey: key)
            default: extra[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
        self.extra = extra
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        for (key, value) in extra { try container.encode(value, forKey: DynamicKey(key)) }
        try container.encodeIfPresent(rateLimit, forKey: DynamicKey("rateLimit"))
        try container.encodeIfPresent(rruleExpression, forKey: DynamicKey("rruleExpression"))
        try container.encodeIfPresent(formId, forKey: DynamicKey("formId"))
    }
}

/// A coding key made from any string.
struct DynamicKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
