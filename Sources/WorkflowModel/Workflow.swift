import Foundation

/// A stored workflow: the envelope Datadog's API returns around a spec.
public struct Workflow: Sendable, Hashable {
    /// Lowercase UUID v4.
    public var id: String
    public var name: String
    /// At most 300 characters.
    public var description: String
    /// Unpublished workflows run only manually.
    public var published: Bool
    public var tags: [String]
    /// Write-only: never returned by the API.
    public var webhookSecret: String?
    /// The typed spec the engine runs.
    public var spec: WorkflowSpec
    /// The spec exactly as submitted, returned by GET.
    public var submittedSpec: JSONValue
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String,
        name: String,
        description: String = "",
        published: Bool = true,
        tags: [String] = [],
        webhookSecret: String? = nil,
        spec: WorkflowSpec,
        submittedSpec: JSONValue? = nil,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.published = published
        self.tags = tags
        self.webhookSecret = webhookSecret
        self.spec = spec
        self.submittedSpec = submittedSpec ?? (try? JSONValue.encoding(spec)) ?? .emptyObject
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension JSONValue {
    /// The JSON value of an encodable value.
    public static func encoding(_ value: some Encodable) throws -> JSONValue {
        let data = try JSONEncoder().encode(value)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes a value of type `T` from this JSON value.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: jsonData())
    }
}
