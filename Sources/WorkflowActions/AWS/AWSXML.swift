import Foundation
import WorkflowModel

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document as a tree, and its conversion to JSON the way AWS's SDKs shape query and REST-XML
/// responses: an element holding only `<member>`/`<item>` children is a list, other elements with children
/// are objects (a name repeated among siblings becomes a list), text is a string, `true`/`false` are booleans.
public struct AWSXML: Sendable, Hashable {
    /// The element's name without a namespace prefix.
    public var name: String
    public var children: [AWSXML]
    public var text: String

    public init(name: String, children: [AWSXML] = [], text: String = "") {
        self.name = name
        self.children = children
        self.text = text
    }

    /// Parses `bytes`.
    /// - Throws: ``ActionError`` `.failed` when the bytes are not well-formed XML.
    public static func parse(_ bytes: [UInt8]) throws(ActionError) -> AWSXML {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element"
            throw ActionError(.failed, "AWS response is not valid XML: \(reason)")
        }
        return root
    }

    /// The first child named `name`.
    public subscript(_ name: String) -> AWSXML? { children.first { $0.name == name } }

    /// The element as JSON; `rename` maps each child name to its JSON key.
    public func json(rename: (String) -> String = { $0 }) -> JSONValue {
        if children.isEmpty {
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return .string(text)
            }
        }
        if children.allSatisfy({ $0.name == "member" || $0.name == "item" }) {
            return .array(children.map { $0.json(rename: rename) })
        }
        var counts: [String: Int] = [:]
        for child in children { counts[child.name, default: 0] += 1 }
        var object: [String: JSONValue] = [:]
        for child in children {
            let key = rename(child.name)
            let value = child.json(rename: rename)
            if counts[child.name, default: 0] > 1 {
                object[key] = .array((object[key]?.arrayValue ?? []) + [value])
            } else {
                object[key] = value
            }
        }
        return .object(object)
    }

    /// Collects elements and text; runs synchronously inside `XMLParser.parse()`.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [AWSXML] = []
        var root: AWSXML?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(AWSXML(name: local))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            guard var element = stack.popLast() else { return }
            if !element.children.isEmpty { element.text = "" }
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}
