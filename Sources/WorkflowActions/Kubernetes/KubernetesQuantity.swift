/// Kubernetes resource quantities (`100m`, `0.5`, `128Mi`, `1e3`) checked as the API machinery's `ParseQuantity`
/// checks them, with its messages: a sign, digits with at most one `.`, then a suffix — `Ki` … `Ei`, `n`, `u`, `m`,
/// `k`, `M` … `E`, or an exponent `e<integer>` / `E<integer>`.
enum KubernetesQuantity {
    /// The API machinery's message for text that is not a quantity at all.
    static let formatMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    /// The API machinery's message for an unknown suffix.
    static let suffixMessage = "unable to parse quantity's suffix"

    private static let suffixes: Set<String> = [
        "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
    ]

    /// Why `text` is not a quantity, or `nil` when it is one.
    static func problem(_ text: String) -> String? {
        let characters = Array(text)
        guard !characters.isEmpty else { return formatMessage }
        var position = 0
        if characters[0] == "+" || characters[0] == "-" { position = 1 }
        position = skipDigits(characters, from: position)
        if position < characters.count, characters[position] == "." {
            position = skipDigits(characters, from: position + 1)
        }
        let suffixStart = position
        while position < characters.count, "eEinumkKMGTP".contains(characters[position]) { position += 1 }
        if position < characters.count, characters[position] == "+" || characters[position] == "-" { position += 1 }
        position = skipDigits(characters, from: position)
        guard position == characters.count else { return formatMessage }
        let suffix = String(characters[suffixStart...])
        if suffixes.contains(suffix) { return nil }
        if let first = suffix.first, first == "e" || first == "E", suffix.count > 1, Int64(suffix.dropFirst()) != nil {
            return nil
        }
        return suffixMessage
    }

    private static func skipDigits(_ characters: [Character], from start: Int) -> Int {
        var position = start
        while position < characters.count, characters[position].isASCII, characters[position].isNumber {
            position += 1
        }
        return position
    }
}
