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
            return .string("\\x" + bytes.map { (($0 < 16 ? "0" : "") + String($0, radix: 16)) }.joined())
        }
    }

    private static func parsedJSON(_ text: String) -> JSONValue {
        (try? JSONValue.parse(text)) ?? .string(text)
    }

    /// Days between 1970-01-01 and PostgreSQL's epoch, 2000-01-01.
    private static let epochDays: Int64 = 10_957

    /// `2026-12-06T08:30:00.123456Z` (trailing zeros of the fraction dropped, as Go's RFC 3339 writes it); without
    /// `Z` for a `timestamp` without time zone; `infinity` and `-infinity` as PostgreSQL names them.
    static func timestamp(microseconds: Int64, zoned: Bool) -> String {
        if microseconds == .max { return "infinity" }
        if microseconds == .min { return "-infinity" }
        let (days, rest) = microseconds.quotientAndRemainder(dividingBy: 86_400_000_000)
        let (day, micros) = rest < 0 ? (days - 1, rest + 86_400_000_000) : (days, rest)
        let time = CivilTime(day: Int(day + epochDays), second: Int(micros / 1_000_000))
        var text =
            civilDate(time) + "T" + padded(Int64(time.hour), 2) + ":" + padded(Int64(time.minute), 2) + ":"
            + padded(Int64(time.second % 60), 2)
        if micros % 1_000_000 != 0 {
            var digits = padded(micros % 1_000_000, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return zoned ? text + "Z" : text
    }

    /// `YYYY-MM-DD` for a count of days since 2000-01-01; `infinity` and `-infinity` as PostgreSQL names them.
    static func date(days: Int32) -> String {
        if days == .max { return "infinity" }
        if days == .min { return "-infinity" }
        return civilDate(CivilTime(day: Int(Int64(days) + epochDays), second: 0))
    }

    /// `YYYY-MM-DD` of a wall-clock time (proleptic Gregorian, whole-number arithmetic).
    private static func civilDate(_ time: CivilTime) -> String {
        let (year, month, day) = time.date
        return (year < 0 ? "-" : "") + padded(Int64(abs(year)), 4) + "-" + padded(Int64(month), 2) + "-"
            + padded(Int64(day), 2)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
