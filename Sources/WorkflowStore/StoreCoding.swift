import Foundation

/// JSON for stored columns. Dates stay `Date`'s own seconds since 2001, so they read back exactly.
package enum StoreCoding {
    package static func encode(
        _ value: some Encodable, _ what: @autoclosure () -> String, with encoder: JSONEncoder = JSONEncoder()
    ) throws(StoreError) -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(.io, "could not encode \(what()): \(error)")
        }
    }

    package static func decode<T: Decodable>(
        _ type: T.Type, _ text: String, _ what: @autoclosure () -> String
    ) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "could not decode \(what()): \(error)")
        }
    }
}
