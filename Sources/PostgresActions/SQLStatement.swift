import Foundation
import WorkflowActions
import WorkflowModel

/// The SQL the runner builds from a step's inputs (it uses the squirrel builder with `$n` placeholders): the
/// inputs' SQL fragments are joined as given, and values only ever travel as bound parameters.
enum SQLStatement {
    /// `SELECT columns [FROM table] [joinClause] [WHERE whereClause] [ORDER BY orderBy] [LIMIT limit]`, with each
    /// `?` of the fragments numbered `$1`, `$2`, … (`??` is a literal `?`).
    /// - Throws: ``ActionError`` `.invalidInput` when there are no columns.
    static func select(
        columns: [String], table: String, joinClause: String, whereClause: String, orderBy: String, limit: Int?
    ) throws(ActionError) -> String {
        guard !columns.isEmpty else {
            throw ActionError(.invalidInput, "select statements must have at least one result column")
        }
        var sql = "SELECT " + columns.joined(separator: ", ")
        if !table.isEmpty { sql += " FROM " + table }
        if !joinClause.isEmpty { sql += " " + joinClause }
        if !whereClause.isEmpty { sql += " WHERE " + whereClause }
        if !orderBy.isEmpty { sql += " ORDER BY " + orderBy }
        if let limit, limit != 0 { sql += " LIMIT \(limit)" }
        return numberingPlaceholders(sql)
    }

    /// `INSERT INTO table (a,b) VALUES ($1,$2)` for one row of `count` values.
    /// - Throws: ``ActionError`` `.invalidInput` when the table is empty or the row has no values.
    static func insert(table: String, columns: [String], count: Int) throws(ActionError) -> String {
        guard !table.isEmpty else { throw ActionError(.invalidInput, "insert statements must specify a table") }
        guard count > 0 else {
            throw ActionError(.invalidInput, "insert statements must have at least one set of values or select clause")
        }
        var sql = "INSERT INTO " + table + " "
        if !columns.isEmpty { sql += "(" + columns.joined(separator: ",") + ") " }
        sql += "VALUES (" + (1...count).map { "$\($0)" }.joined(separator: ",") + ")"
        return sql
    }

    /// The insert with its values written in quotes in place of the placeholders: only for the forbidden-name
    /// check, as the runner does it; never sent to the server.
    static func checkedText(of sql: String, values: [JSONValue]) -> String {
        var text = sql
        for (index, value) in values.enumerated() {
            let shown: String
            switch value {
            case .string(let string): shown = string
            case .number(let number): shown = JSONValue.format(number: number)
            case .null: shown = "<nil>"
            default: shown = value.compactJSON
            }
            if let range = text.range(of: "$\(index + 1)") { text.replaceSubrange(range, with: "'\(shown)'") }
        }
        return text
    }

    /// `sql` with its `?` placeholders numbered from `$1` and `??` made a literal `?`.
    static func numberingPlaceholders(_ sql: String) -> String {
        var result = ""
        var number = 0
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            let next = sql.index(after: index)
            if character == "?" {
                if next < sql.endIndex, sql[next] == "?" {
                    result.append("?")
                    index = sql.index(after: next)
                    continue
                }
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
            index = next
        }
        return result
    }
}
