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

    // Text the direct parser refuses goes to JSONSerialization, so its leniencies stay as they were
    // (`[1,]`, `01` and `[1] x` are accepted by it on Linux).
    @Test(
        "invalid documents are refused",
        arguments: ["", "{", #"{"a" 1}"#, "1.", "-", "tru", #""\ud800""#, "\"a\nb\""])
    func refused(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
    }
}
