/// A string value parsed by ``TemplateParser``.
public enum TemplateText: Sendable, Hashable {
    /// No template inside: the string is used as written.
    case plain
    /// Exactly one `{{ path }}` (surrounding whitespace aside): keeps the type of what it names.
    case reference(TemplatePath)
    /// Exactly one `${ … }` (surrounding whitespace aside): keeps the JSON type of its result.
    case javaScript(String)
    /// Text mixing literals, paths and `${ … }` expressions: renders to a string.
    case text([TemplateSegment])

    /// Every path the string reads, in order.
    public var paths: [TemplatePath] {
        switch self {
        case .plain, .javaScript: return []
        case .reference(let path): return [path]
        case .text(let segments):
            return segments.compactMap {
                if case .reference(let path) = $0 { return path }
                return nil
            }
        }
    }

    /// The parameters of `actionId` that are code, passed to the action as written and never parsed as
    /// templates: the `script` of the data-transformation actions (`com.datadoghq.datatransformation.*`), whose
    /// JavaScript template literals (`${x}`) are the script's own.
    public static func verbatimParameterNames(actionId: String) -> Set<String> {
        actionId.hasPrefix("com.datadoghq.datatransformation.") ? ["script"] : []
    }
}

/// A piece of a string that mixes text and templates.
public enum TemplateSegment: Sendable, Hashable {
    /// Text used as written.
    case literal(String)
    /// A `{{ path }}`.
    case reference(TemplatePath)
    /// The whole `${ … }` text.
    case javaScript(String)
}
