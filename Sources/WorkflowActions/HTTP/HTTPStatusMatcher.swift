import WorkflowModel

/// The `errorOnStatus` input: statuses that fail an HTTP step **in addition** to 400–999, which always fail.
///
/// As Datadog's private action runner reads it: a list of entries, each a status (`"404"`, or the number
/// `404`) or an inclusive range (`"300-399"`). A status matching an entry fails the step with
/// `response status code 302 is in {[302 500-599]}`, before the body is read. The list cannot make a 4xx or 5xx
/// succeed. An empty list (or none) adds nothing. A malformed entry fails the step with
/// `error parsing errorOnStatus input: [...]`.
struct HTTPStatusMatcher: Sendable, Hashable {
    /// The entries as given, for the failure message.
    private var entries: [String]
    private var ranges: [ClosedRange<Int>]

    /// Nothing added.
    static let none = HTTPStatusMatcher(entries: [], ranges: [])

    private init(entries: [String], ranges: [ClosedRange<Int>]) {
        self.entries = entries
        self.ranges = ranges
    }

    /// Parses the `errorOnStatus` input: a list of strings or integers (one value alone is read as a list of one).
    /// - Throws: ``ActionError`` `.invalidInput` for an entry that is neither a status nor a range.
    init(_ value: JSONValue?) throws(ActionError) {
        guard let value, !value.isNull else {
            self = .none
            return
        }
        let items = value.arrayValue ?? [value]
        var entries: [String] = []
        for item in items {
            switch item {
            case .string(let text): entries.append(text)
            case .number(let number) where number == number.rounded() && abs(number) < 1e9:
                entries.append(String(Int(number)))
            default: entries.append(item.compactJSON)
            }
        }
        var ranges: [ClosedRange<Int>] = []
        for entry in entries {
            guard let range = Self.range(entry) else {
                throw ActionError(.invalidInput, "error parsing errorOnStatus input: " + Self.listText(entries))
            }
            ranges.append(range)
        }
        self.entries = entries
        self.ranges = ranges
    }

    /// The runner's message when `status` matches an entry, else `nil`.
    func failure(for status: Int) -> String? {
        guard ranges.contains(where: { $0.contains(status) }) else { return nil }
        return "response status code \(status) is in {\(Self.listText(entries))}"
    }

    /// Whether the input gave any entry (the runner then skips its redirect check).
    var isEmpty: Bool { entries.isEmpty }

    /// A list as Go's `%v` prints a `[]string`: `[404 500-599]`.
    private static func listText(_ entries: [String]) -> String {
        "[" + entries.joined(separator: " ") + "]"
    }

    /// `"404"` → 404...404, `"500-599"` → 500...599 (the bounds in order); nil otherwise.
    private static func range(_ text: String) -> ClosedRange<Int>? {
        if text.contains("-") {
            let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high else {
                return nil
            }
            return low...high
        }
        guard let code = Int(text) else { return nil }
        return code...code
    }
}
