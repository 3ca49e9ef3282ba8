import Foundation
import Testing
import WorkflowModel

/// `JSONValue.parse` reads text directly; it must give what `JSONSerialization` gives, and its errors.
@Suite("JSON text parsing")
struct JSONParseTests {
    static let documents = [
        #"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
        #"  [ -0, 0.5, 1e3, -2.5E-3, 12345678901234567890, 1.7976931348623157e308 ] "#,
        #""escapes \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude80 \u0000""#,
        #"{"dup": 1, "dup": 2}"#,
        #"{"unicode": "é🚀 ünï", "empty": "", "nested": [[[]], {}]}"#,
        "\u{FEFF}{\"bom\": true}",
        "42", "true", "null", #""plain""#,
    ]

    @Test("valid documents parse as JSONSerialization reads them", arguments: documents)
    func sameAsFoundation(_ text: String) throws {
        let expected = JSONValue(
            foundation: try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(
        "invalid documents are refused, the leniencies of JSONSerialization included",
        arguments: [
            "", "{", #"{"a" 1}"#, "1.", "-", "tru", #""\ud800""#, "\"a\nb\"", "[1,]", #"{"a": 1,}"#, "01", "[1] x",
            "{} {}", "NaN", "Infinity", "-Infinity", "1e400", "+1", ".5", "'a'", #"{a: 1}"#, "[1 2]", "// c\n1",
            "\u{0C}1", #""\x""#, #""\udc00""#, #""\ud800\u0041""#,
        ])
    func refused(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
    }
}

@Suite("JSON syntax error messages")
struct JSONSyntaxMessageTests {
    static let cases: [(text: String, line: Int, column: Int, reason: String)] = [
        ("{\n  \"a\": [1, 2,],\n}", 2, 14, "a comma before ']' (trailing commas are not JSON)"),
        ("{\"a\": 1,\n}", 2, 1, "a comma before '}' (trailing commas are not JSON)"),
        ("{\"a\": 1} trailing", 1, 10, "unexpected text after the JSON value"),
        ("[1, 2] ]", 1, 8, "unexpected text after the JSON value"),
        ("{\"a\": NaN}", 1, 7, "expected a value, found 'N'"),
        ("{\"é\": tru }", 1, 10, "an invalid literal (expected true), found ' '"),
        ("[\"\\ud800 x\"]", 1, 3, "a \\u escape of a lone surrogate (not a Unicode character)"),
        ("[1e999]", 1, 2, "a number beyond the range of a 64-bit floating-point number"),
        ("[01]", 1, 3, "expected ',' or ']' after an element, found '1'"),
    ]

    @Test("names the first problem, its line and its column", arguments: cases)
    func message(text: String, line: Int, column: Int, reason: String) {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        #expect(error?.line == line)
        #expect(error?.column == column)
        #expect(error?.reason == reason)
        #expect(error?.code == .malformed)
    }

    @Test("invalid UTF-8 is refused at its byte")
    func invalidUTF8() {
        let error = #expect(throws: JSONSyntaxError.self) {
            try JSONValue.parse(Data([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D]))
        }
        #expect(error?.column == 4)
        #expect(error?.reason == "invalid UTF-8 in a string")
    }
}
