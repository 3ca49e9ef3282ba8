/// One server-sent event: its `event:` name (`message` when none) and its `data:` lines joined by newlines.
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` field; `message` when the event has none.
    public var event: String
    /// The `data:` lines, joined by newlines.
    public var data: String
}

/// Splits a `text/event-stream` body, fed in chunks of any size, into events (the WHATWG rules stepwise needs:
/// `\n` or `\r\n` line ends, `:` comments, `event`, `data`; other fields are ignored).
public struct EventStreamParser {
    private var line: [UInt8] = []
    private var event = ""
    private var data: [String] = []
    /// Lines longer than this are cut (a misbehaving server cannot make the client grow without bound).
    public let maxLineBytes: Int

    public init(maxLineBytes: Int = 16 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// The events completed by `bytes`.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let event = take(String(decoding: line, as: UTF8.self)) { events.append(event) }
                line.removeAll(keepingCapacity: true)
            } else if line.count < maxLineBytes {
                line.append(byte)
            }
        }
        return events
    }

    private mutating func take(_ line: String) -> ServerSentEvent? {
        if line.isEmpty {
            defer {
                event = ""
                data = []
            }
            guard !data.isEmpty else { return nil }
            return ServerSentEvent(event: event.isEmpty ? "message" : event, data: data.joined(separator: "\n"))
        }
        if line.hasPrefix(":") { return nil }
        let (field, value) = split(line)
        switch field {
        case "event": event = value
        case "data": data.append(value)
        default: break
        }
        return nil
    }

    private func split(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line, "") }
        var value = line[line.index(after: colon)...]
        if value.hasPrefix(" ") { value = value.dropFirst() }
        return (String(line[..<colon]), String(value))
    }
}
