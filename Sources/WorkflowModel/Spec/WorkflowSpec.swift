/// A Datadog workflow spec: the JSON document under `data.attributes.spec`.
///
/// Every field of Datadog's schema is modelled. Unknown fields are refused by ``SpecDecoder``.
public struct WorkflowSpec: Sendable, Hashable, Codable {
    /// Notes shown on the canvas.
    public var annotations: [Annotation]?
    /// Connections available to steps, by label.
    public var connectionEnvs: [ConnectionEnv]?
    /// A unique handle for the workflow.
    public var handle: String?
    /// Inputs the workflow accepts (`Trigger.<name>` in templates).
    public var inputSchema: InputSchema?
    /// Outputs the workflow produces when it succeeds.
    public var outputSchema: OutputSchema?
    /// The steps, in document order.
    public var steps: [Step]?
    /// What starts the workflow; each trigger kind may appear at most once.
    public var triggers: [Trigger]?

    public init(
        annotations: [Annotation]? = nil,
        connectionEnvs: [ConnectionEnv]? = nil,
        handle: String? = nil,
        inputSchema: InputSchema? = nil,
        outputSchema: OutputSchema? = nil,
        steps: [Step]? = nil,
        triggers: [Trigger]? = nil
    ) {
        self.annotations = annotations
        self.connectionEnvs = connectionEnvs
        self.handle = handle
        self.inputSchema = inputSchema
        self.outputSchema = outputSchema
        self.steps = steps
        self.triggers = triggers
    }
}

/// A markdown note placed on the canvas.
public struct Annotation: Sendable, Hashable, Codable {
    public var id: String
    public var display: AnnotationDisplay
    public var markdownTextAnnotation: MarkdownTextAnnotation

    public init(id: String, display: AnnotationDisplay, markdownTextAnnotation: MarkdownTextAnnotation) {
        self.id = id
        self.display = display
        self.markdownTextAnnotation = markdownTextAnnotation
    }
}

/// Where an annotation is drawn.
public struct AnnotationDisplay: Sendable, Hashable, Codable {
    public var bounds: Bounds?
    public init(bounds: Bounds? = nil) { self.bounds = bounds }
}

/// A rectangle on the canvas; every field is optional.
public struct Bounds: Sendable, Hashable, Codable {
    public var height: Double?
    public var width: Double?
    public var x: Double?
    public var y: Double?
    public init(height: Double? = nil, width: Double? = nil, x: Double? = nil, y: Double? = nil) {
        self.height = height
        self.width = width
        self.x = x
        self.y = y
    }
}

/// The text of an annotation.
public struct MarkdownTextAnnotation: Sendable, Hashable, Codable {
    public var text: String?
    public init(text: String? = nil) { self.text = text }
}

/// Connections and connection groups of one environment (only `default` exists).
public struct ConnectionEnv: Sendable, Hashable, Codable {
    public var env: String
    public var connections: [Connection]?
    public var connectionGroups: [ConnectionGroup]?

    public init(env: String = "default", connections: [Connection]? = nil, connectionGroups: [ConnectionGroup]? = nil) {
        self.env = env
        self.connections = connections
        self.connectionGroups = connectionGroups
    }
}

/// A connection a step can name through its `connectionLabel`.
public struct Connection: Sendable, Hashable, Codable {
    public var connectionId: String
    public var label: String
    public init(connectionId: String, label: String) {
        self.connectionId = connectionId
        self.label = label
    }
}

/// A group of connections selected by tags.
public struct ConnectionGroup: Sendable, Hashable, Codable {
    public var connectionGroupId: String
    public var label: String
    public var tags: [String]
    public init(connectionGroupId: String, label: String, tags: [String]) {
        self.connectionGroupId = connectionGroupId
        self.label = label
        self.tags = tags
    }
}
