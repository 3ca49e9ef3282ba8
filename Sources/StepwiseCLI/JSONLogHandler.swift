import Foundation
import Logging
import WorkflowModel

/// Writes each log line as one JSON object on stderr: `time`, `level`, `logger`, `message`, the metadata (with
/// `trace_id` and `span_id` when the line is logged inside a span), and `source`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line: [String: JSONValue] = [
            "time": .string(Self.timestamp()), "level": .string(event.level.rawValue), "logger": .string(label),
            "message": .string(event.message.description), "source": .string(event.source),
        ]
        for (key, value) in merged where line[key] == nil { line[key] = Self.json(value) }
        FileHandle.standardError.writeToConsole(JSONValue.object(line).jsonData(pretty: false) + Data("\n".utf8))
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let members): .object(members.mapValues(json))
        }
    }

    private static func timestamp() -> String {
        Date().formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(
                separator: .omitted))
    }
}
