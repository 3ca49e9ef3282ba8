import WorkflowModel

/// Which response statuses fail an HTTP step (the `errorOnStatus` input).
///
/// Absent or null: every status ≥ 400 fails. Otherwise a list (or one value, or a comma-separated string) of
/// entries, and only a status matching an entry fails:
/// - a number or numeric string: that status (`404`, `"404"`);
/// - a class: `"4xx"`, `"5XX"`;
/// - an inclusive range: `"500-599"`.
///
/// An empty list means no status fails the step.
struct HTTPStatusMatcher: Sendable, Hashable {
    private var ranges: [ClosedRange<Int>]

    /// The default: status ≥ 400 fails.
    static let standard = HTTPStatusMatcher(ranges: [400...999])

    private init(ranges: [ClosedRange<Int>]) { self.ranges = ranges }

    /// Parses the `errorOnStatus` input.
    init(_ value: JSONValue?) throws(ActionError) {
        guard let value, !value.isNull else {
            self = .standard
            return
        }
        var ranges: [ClosedRange<Int>] = []
        let entries: [JSONValue]
        switch value {
        case .array(let items): entries = items
        case .string(let text): entries = text.split(separator: ",").map { .string(String($0)) }
        default: entries = [value]
        }
        for entry in entries {
            guard let range = Self.range(entry) else {
                throw ActionError(
                    .invalidInput,
                    "input \"errorOnStatus\" has an entry that is not a status, class (\"4xx\") or range (\"500-599\"): "
                        + entry.compactJSON)
            }
            ranges.append(range)
        }
        self.ranges = ranges
    }

    /// Whether `status` fails the step.
    func fails(_ status: Int) -> Bool {
        ranges.contains { $0.contains(status) }
    }

    private static func range(_ entry: JSONValue) -> ClosedRange<Int>? {
        switch entry {
        case .number(let number):
            guard number == number.rounded(), (100...999).contains(number) else { return nil }
            return Int(number)...Int(number)
        case .string(let raw):
            let text = raw.trimmingCharacters(in: " ").lowercased()
            if text.count == 3, text.hasSuffix("xx"), let digit = text.first?.wholeNumberValue, (1...9).contains(digit)
            {
                return (digit * 100)...(digit * 100 + 99)
            }
            let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), 100 <= low, low <= high,
                high <= 999
            {
                return low...high
            }
            if let single = Int(text), (100...999).contains(single) { return single...single }
            return nil
        default:
            return nil
        }
    }
}

extension String {
    /// The text without leading and trailing `character`.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        guard let start = firstIndex(where: { $0 != character }), let end = lastIndex(where: { $0 != character })
        else { return "" }
        return String(self[start...end])
    }
}
