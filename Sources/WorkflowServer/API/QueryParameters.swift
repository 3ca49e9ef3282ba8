import Foundation
import Hummingbird
import HummingbirdCore

/// A request's query string, keys and values percent-decoded (`page%5Bsize%5D=5` is `page[size]`).
///
/// Hummingbird decodes values but not keys; Datadog's clients encode the brackets of `page[size]`.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    init(_ uri: URI) {
        guard let query = uri.query, !query.isEmpty else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[key] == nil { values[key] = value }
        }
    }

    /// The first value of `key`.
    subscript(key: String) -> String? { values[key] }

    /// An integer parameter within `range`.
    /// - Throws: ``APIError`` 400 when it is not an integer in range.
    func integer(
        _ key: String, default value: Int, in range: ClosedRange<Int>, family: APIFamily
    ) throws(APIError)
        -> Int
    {
        guard let text = values[key], !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                .badRequest, family, code: "INVALID_FIELD_VALUE",
                "query parameter \(key) must be an integer from \(range.lowerBound) to \(range.upperBound), got \"\(text)\""
            )
        }
        return number
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
