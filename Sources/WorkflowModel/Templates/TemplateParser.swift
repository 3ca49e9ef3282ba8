/// Parses the `{{ … }}` and `${ … }` pieces of one string: the one template compiler, used by validation and
/// by the engine's ``Template`` alike, so whatever a run refuses, `validate` reports first.
public enum TemplateParser {
    /// The parsed form of the string `text`.
    /// - Throws: ``TemplateError`` for an unclosed `{{`, an empty path, an empty name between two dots, a bad
    ///   bracket or an unknown root. An empty name after a trailing dot (`{{ Steps.a.data.}}`) is ignored and
    ///   noted in ``TemplatePath/ignoredTrailingDot``.
    public static func parse(_ text: String) throws(TemplateError) -> TemplateText {
        guard text.contains("{{") || text.contains("${") else { return .plain }
        var segments: [TemplateSegment] = []
        var literalStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            guard next < text.endIndex else { break }
            if text[index] == "{" && text[next] == "{" {
                guard let close = text[text.index(after: next)...].firstRange(of: "}}") else {
                    throw TemplateError(.syntax, "unclosed \"{{\" in \(TemplateError.quote(text))")
                }
                if literalStart < index { segments.append(.literal(String(text[literalStart..<index]))) }
                let inner = text[text.index(after: next)..<close.lowerBound]
                segments.append(.reference(try parsePath(inner, in: text)))
                index = close.upperBound
                literalStart = index
            } else if text[index] == "$" && text[next] == "{" {
                if literalStart < index { segments.append(.literal(String(text[literalStart..<index]))) }
                let end = matchingBrace(in: text, after: next)
                segments.append(.javaScript(String(text[index..<end])))
                index = end
                literalStart = index
            } else {
                index = next
            }
        }
        if literalStart < text.endIndex { segments.append(.literal(String(text[literalStart...]))) }
        // Exactly one `{{ path }}` or `${ … }`, surrounding whitespace aside, keeps the type of its value.
        let meaningful = segments.filter {
            if case .literal(let literal) = $0 { return !literal.allSatisfy(\.isWhitespace) }
            return true
        }
        if meaningful.count == 1, case .reference(let path) = meaningful[0] { return .reference(path) }
        if meaningful.count == 1, case .javaScript(let source) = meaningful[0] { return .javaScript(source) }
        return .text(segments)
    }

    /// The index just past the `}` closing the `{` at `open`, or the end of `text` when it is unclosed. Braces
    /// inside JavaScript string literals (`'…'`, `"…"`, `` `…` ``, with backslash escapes) do not count.
    private static func matchingBrace(in text: String, after open: String.Index) -> String.Index {
        var depth = 0
        var quote: Character?
        var index = open
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == "\\" {
                    index = text.index(after: index)
                    if index == text.endIndex { break }
                } else if character == open {
                    quote = nil
                }
            } else if character == "'" || character == "\"" || character == "`" {
                quote = character
            } else if character == "{" {
                depth += 1
            } else if character == "}" {
                depth -= 1
                if depth == 0 { return text.index(after: index) }
            }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    /// Parses the path between `{{` and `}}`.
    static func parsePath(_ raw: Substring, in template: String) throws(TemplateError) -> TemplatePath {
        let text = raw.trimmingWhitespace()
        func syntax(_ problem: String) -> TemplateError {
            TemplateError(.syntax, "\(problem) in \(TemplateError.quote(template))")
        }
        guard !text.isEmpty else { throw syntax("empty path \"{{\(raw)}}\"") }
        var index = text.startIndex
        while index < text.endIndex, text[index] != ".", text[index] != "[" { index = text.index(after: index) }
        let rootName = String(text[..<index]).trimmingWhitespace()
        guard let root = TemplateRoot(rawValue: rootName) else {
            throw TemplateError(
                .unknownRoot,
                "unknown template root \"\(rootName)\" in \(TemplateError.quote(template)); expected \(TemplateRoot.list)"
            )
        }
        var components: [PathComponent] = []
        var ignoredTrailingDot = false
        while index < text.endIndex {
            if text[index] == "." {
                let start = text.index(after: index)
                var end = start
                while end < text.endIndex, text[end] != ".", text[end] != "[", text[end] != "]" {
                    end = text.index(after: end)
                }
                let key = String(text[start..<end]).trimmingWhitespace()
                if key.isEmpty, end == text.endIndex, !components.isEmpty {
                    // A real export holds `{{ Steps.a.data.}}`: the empty last name is dropped (with a warning).
                    ignoredTrailingDot = true
                    break
                }
                guard !key.isEmpty else { throw syntax("empty name after \".\" in path \"\(text)\"") }
                components.append(.key(key))
                index = end
            } else if text[index] == "[" {
                let start = text.index(after: index)
                guard let (component, end) = bracket(text, from: start) else {
                    throw syntax("bad \"[…]\" in path \"\(text)\"")
                }
                components.append(component)
                index = end
            } else {
                throw syntax("unexpected \"\(text[index])\" in path \"\(text)\"")
            }
        }
        var path = TemplatePath(root: root, components: components, text: text)
        path.ignoredTrailingDot = ignoredTrailingDot
        return path
    }

    /// The component of a `[…]` whose contents start at `start`, and the index past its `]`.
    private static func bracket(_ text: String, from start: String.Index) -> (PathComponent, String.Index)? {
        guard start < text.endIndex else { return nil }
        let quote = text[start]
        if quote == "'" || quote == "\"" {
            let keyStart = text.index(after: start)
            guard let close = text[keyStart...].firstRange(of: "\(quote)]") else { return nil }
            return (.key(String(text[keyStart..<close.lowerBound])), close.upperBound)
        }
        guard let close = text[start...].firstIndex(of: "]") else { return nil }
        let inner = String(text[start..<close]).trimmingWhitespace()
        guard !inner.isEmpty, !inner.contains("[") else { return nil }
        let component: PathComponent =
            if inner.allSatisfy(\.isASCII), inner.allSatisfy(\.isNumber), let index = Int(inner) {
                .index(index)
            } else {
                .key(inner)
            }
        return (component, text.index(after: close))
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
