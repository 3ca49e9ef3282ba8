import NIOCore
import PostgresNIO
import WorkflowModel

/// One bound parameter (`$1`, `$2`, …) as the runner's driver sends it: text of no declared type, so the server
/// infers the type from where the parameter stands (a number given to an `integer` column, a string to a
/// `timestamptz` comparison). The value never becomes part of the SQL text.
struct PostgresParameter: PostgresNonThrowingEncodable, Sendable {
    /// The text sent; `nil` binds SQL `NULL`.
    var text: String?

    static var psqlType: PostgresDataType { PostgresDataType(0) }
    static var psqlFormat: PostgresFormat { .text }

    /// A JSON input as a parameter: a string as is, a number in its shortest form, `true`/`false`, `null` as
    /// SQL `NULL`, a list or an object as its JSON text (for `json` and `jsonb` columns).
    init(_ value: JSONValue) {
        switch value {
        case .null: text = nil
        case .string(let string): text = string
        case .number(let number): text = JSONValue.format(number: number)
        case .bool(let flag): text = flag ? "true" : "false"
        case .array, .object: text = value.compactJSON
        }
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeString(text ?? "")
    }

    /// The bindings of `values`, in order.
    static func bindings(_ values: [JSONValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            let parameter = PostgresParameter(value)
            if parameter.text == nil {
                bindings.appendNull()
            } else {
                bindings.append(parameter)
            }
        }
        return bindings
    }
}
