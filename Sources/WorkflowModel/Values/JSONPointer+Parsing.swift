extension JSONPointer {
    /// Parses the text form of a pointer (`/steps/0/name`, `""` for the root).
    ///
    /// Returns `nil` when non-empty text does not start with `/`.
    public init?(_ text: String) {
        if text.isEmpty {
            self.init(tokens: [])
            return
        }
        guard text.hasPrefix("/") else { return nil }
        let tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { token in
            String(token).unescapedPointerToken
        }
        self.init(tokens: tokens)
    }

    /// The pointer to a workflow's spec in a request body or GET response: `/data/attributes/spec`.
    public static let envelopeSpec = JSONPointer(tokens: ["data", "attributes", "spec"])
}

extension String {
    fileprivate var unescapedPointerToken: String {
        guard contains("~") else { return self }
        var output = ""
        var iterator = makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                output.append(character)
                continue
            }
            switch iterator.next() {
            case "0": output.append("~")
            case "1": output.append("/")
            case let other?: output.append("~\(other)")
            case nil: output.append("~")
            }
        }
        return output
    }
}
