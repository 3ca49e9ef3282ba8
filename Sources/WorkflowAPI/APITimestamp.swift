import Foundation
import WorkflowModel

/// Timestamps as Datadog's API writes them: RFC 3339 UTC with microseconds, trailing zeros trimmed
/// (`2024-07-24T18:39:58.219283Z`, `2024-07-24T18:39:58.2Z`, `2024-07-24T18:39:58Z`).
public enum APITimestamp {
    /// Formats `date`.
    public static func string(from date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var micros = Int64(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            seconds += 1
            micros -= 1_000_000
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = CivilTime(day: Int(days), second: Int(seconds - days * 86_400))
        let date = time.date
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day, time.hour, time.minute,
            time.second % 60)
        if micros > 0 {
            var fraction = String(format: "%06lld", micros)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }
}
