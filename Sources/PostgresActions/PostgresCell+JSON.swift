import Foundation
import NIOCore
import PostgresNIO
import WorkflowModel

extension PostgresCell {
    /// The cell as JSON: booleans and numbers as such (integers, floats), `json`/`jsonb` parsed, timestamps in
    /// RFC 3339 with their microseconds (`2026-12-06T08:30:00.123456Z`), dates as `YYYY-MM-DD`, `NULL` as null,
    /// `numeric` as a string with every digit, `uuid` as its text, text types as strings; any other type's binary
    /// form as text when it is UTF-8, else `\x` and hex (cast such a column to `text` to read it).
    var jsonValue: JSONValue {
        guard var buffer = bytes else { return .null }
        guard format == .binary else { return .string(buffer.readString(length: buffer.readableBytes) ?? "") }
        switch dataType {
        case .bool: return buffer.readInteger(as: UInt8.self).map { .bool($0 != 0) } ?? .null
        case .int2: return buffer.readInteger(as: Int16.self).map { .number(Double($0)) } ?? .null
        case .int4: return buffer.readInteger(as: Int32.self).map { .number(Double($0)) } ?? .null
        case .oid: return buffer.readInteger(as: UInt32.self).map { .number(Double($0)) } ?? .null
        case .int8: return buffer.readInteger(as: Int64.self).map { .number(Double($0)) } ?? .null
        case .float4: return buffer.readInteger(as: UInt32.self).map { .number(Double(Float(bitPattern: $0))) } ?? .null
        case .float8: return buffer.readInteger(as: UInt64.self).map { .number(Double(bitPattern: $0)) } ?? .null
        case .json: return Self.parsedJSON(buffer.readString(length: buffer.readableBytes) ?? "")
        case .jsonb:
            _ = buffer.readInteger(as: UInt8.self)  // the jsonb format version (1)
            return Self.parsedJSON(buffer.readString(length: buffer.readableBytes) ?? "")
        case .timestamptz, .timestamp:
            return buffer.readInteger(as: Int64.self).map {
                .string(Self.timestamp(microseconds: $0, zoned: dataType == .timestamptz))
            } ?? .null
        case .date: return buffer.readInteger(as: Int32.self).map { .string(Self.date(days: $0)) } ?? .null
        case .numeric: return (try? decode(Decimal.self)).map { .string("\($0)") } ?? .null
        case .uuid: return (try? decode(UUID.self)).map { .string($0.uuidString.lowercased()) } ?? .null
        case .text, .varchar, .bpchar, .name: return .string(buffer.readString(length: buffer.readableBytes) ?? "")
        default:
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            if let text = String(validating: bytes, as: UTF8.self) { return .string(text) }
            return .string("\\x" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined())
        }
    }

    private static func parsedJSON(_ text: String) -> JSONValue {
        (try? JSONValue.parse(text)) ?? .string(text)
    }

    /// Seconds between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
    private static let epochOffset: Int64 = 946_684_800

    /// `2026-12-06T08:30:00.123456Z` (trailing zeros of the fraction dropped, as Go's RFC 3339 writes it); without
    /// `Z` for a `timestamp` without time zone.
    static func timestamp(microseconds: Int64, zoned: Bool) -> String {
        let (seconds, micros) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        let wholeSeconds = micros < 0 ? seconds - 1 : seconds
        let fraction = micros < 0 ? micros + 1_000_000 : micros
        let date = Date(timeIntervalSince1970: TimeInterval(wholeSeconds + epochOffset))
        var text = civil(date, format: "yyyy-MM-dd'T'HH:mm:ss")
        if fraction != 0 {
            var digits = String(fraction).leftPadded(to: 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return zoned ? text + "Z" : text
    }

    /// `YYYY-MM-DD` for a count of days since 2000-01-01.
    static func date(days: Int32) -> String {
        civil(Date(timeIntervalSince1970: TimeInterval(Int64(days) * 86_400 + epochOffset)), format: "yyyy-MM-dd")
    }

    private static func civil(_ date: Date, format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}

extension String {
    /// The string with `0`s in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
