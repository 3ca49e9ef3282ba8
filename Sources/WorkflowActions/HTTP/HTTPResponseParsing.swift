import Foundation
import WorkflowModel

/// How a response body becomes the `body` output (the `responseParsing` input), as Datadog's private action
/// runner does it.
enum HTTPResponseParsing: Sendable, Hashable {
    /// From the content type: JSON for `…/json` and `…+json`, an object for
    /// `application/x-www-form-urlencoded`, a list of parts for `multipart/form-data`, else text.
    case inferred
    /// JSON; a body that does not parse is returned as text, without failing the step.
    case json
    /// Text, decoded with the response encoding (`text` is read as `raw`).
    case raw
    /// `a=1&b=2` → `{"a": "1", "b": "2"}` (the first value of a repeated key).
    case formURLEncoded
    /// `multipart/form-data` → `[{Filename, Name, Type, Data}]`.
    case formData

    /// The mode `name` names (`auto` or absent: inferred); nil for an unknown name.
    init?(name: String?) {
        switch name?.lowercased() {
        case nil, "", "auto": self = .inferred
        case "json": self = .json
        case "raw", "text": self = .raw
        case "form-urlencoded": self = .formURLEncoded
        case "form-data": self = .formData
        default: return nil
        }
    }

    /// The `body` output for `bytes` received with `contentType`; `encoding` is the `responseEncoding` input,
    /// else the runner's default for the content type. An empty body is `""`.
    func parse(_ bytes: [UInt8], contentType: String, encoding: HTTPTextEncoding?) -> JSONValue {
        if bytes.isEmpty { return "" }
        let type = contentType.isEmpty ? Self.sniff(bytes) : contentType
        let text = encoding ?? HTTPTextEncoding.defaultEncoding(contentType: type)
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var mode = self
        if mode == .inferred {
            switch mediaType ?? "" {
            case let media where media.hasSuffix("/json") || media.hasSuffix("+json"): mode = .json
            case "application/x-www-form-urlencoded": mode = .formURLEncoded
            case "multipart/form-data": mode = .formData
            default: mode = .raw
            }
        }
        switch mode {
        case .json:
            return (try? JSONValue.parse(Data(bytes))) ?? .string(text.decode(bytes))
        case .formURLEncoded:
            return Self.formFields(String(decoding: bytes, as: UTF8.self))
        case .formData:
            return Self.parts(bytes, contentType: type, encoding: text) ?? .string(text.decode(bytes))
        case .inferred, .raw:
            return .string(text.decode(bytes))
        }
    }

    /// Go's content sniffing reduced to what matters here: text, or binary (then base64).
    private static func sniff(_ bytes: [UInt8]) -> String {
        let isBinary = bytes.prefix(512).contains { $0 < 0x09 || (0x0E..<0x20).contains($0) && $0 != 0x1B }
        return isBinary ? "application/octet-stream" : "text/plain; charset=utf-8"
    }

    private static func formFields(_ text: String) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(parts[0])
            if fields[name] == nil { fields[name] = .string(parts.count > 1 ? unescape(parts[1]) : "") }
        }
        return .object(fields)
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The parts of a multipart body, or nil when the content type has no boundary.
    private static func parts(_ bytes: [UInt8], contentType: String, encoding: HTTPTextEncoding) -> JSONValue? {
        guard
            let boundaryParameter = contentType.split(separator: ";").first(where: {
                $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("boundary=")
            })
        else { return nil }
        let boundary = boundaryParameter.trimmingCharacters(in: .whitespaces).dropFirst("boundary=".count)
            .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let body = String(decoding: bytes, as: UTF8.self)
        var result: [JSONValue] = []
        for chunk in body.components(separatedBy: "--" + boundary).dropFirst() {
            guard !chunk.hasPrefix("--") else { break }
            guard let split = chunk.range(of: "\r\n\r\n") else { continue }
            var name = ""
            var filename = ""
            var type = ""
            for line in chunk[..<split.lowerBound].components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-type:") {
                    type = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                } else if lower.hasPrefix("content-disposition:") {
                    name = parameter("name", in: line) ?? ""
                    filename = parameter("filename", in: line) ?? ""
                }
            }
            var data = String(chunk[split.upperBound...])
            if data.hasSuffix("\r\n") { data.removeLast() }
            result.append([
                "Filename": .string(filename), "Name": .string(name), "Type": .string(type),
                "Data": .string(encoding.decode(Array(data.utf8))),
            ])
        }
        return .array(result)
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(key + "=") else { continue }
            return trimmed.dropFirst(key.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }
}
