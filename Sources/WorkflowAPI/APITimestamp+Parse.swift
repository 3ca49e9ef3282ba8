import Foundation
import WorkflowModel

extension APITimestamp {
    /// Parses what ``string(from:)`` writes (`2024-07-24T18:39:58.219283Z`, fraction optional); `nil` otherwise.
    public static func date(from text: String) -> Date? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 20, utf8.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= utf8.count else { return nil }
            var value = 0
            for byte in utf8[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if utf8.count > 20 {
            guard utf8[19] == UInt8(ascii: "."), utf8.count - 21 <= 9, let digits = number(20..<(utf8.count - 1))
            else { return nil }
            fraction = Double(digits) / pow(10, Double(utf8.count - 21))
        }
        let time = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let seconds = Double(time.wallSeconds)
        return Date(timeIntervalSince1970: seconds + fraction)
    }
}
