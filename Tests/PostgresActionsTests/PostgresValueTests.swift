import NIOCore
import PostgresNIO
import Testing
import WorkflowModel

@testable import PostgresActions

/// How result cells become JSON, without a server: binary cells as PostgreSQL sends them.
@Suite("PostgreSQL values")
struct PostgresValueTests {
    private func cell(_ type: PostgresDataType, _ write: (inout ByteBuffer) -> Void) -> PostgresCell {
        var buffer = ByteBuffer()
        write(&buffer)
        return PostgresCell(bytes: buffer, dataType: type, format: .binary, columnName: "c", columnIndex: 0)
    }

    @Test("timestamps keep their microseconds, before and after 2000; dates; infinities by name")
    func timesAndDates() {
        // 2026-12-06T08:30:00.123456Z is 849_861_000.123456 s after 2000-01-01.
        #expect(
            cell(.timestamptz) { $0.writeInteger(Int64(849_861_000_123_456)) }.jsonValue
                == "2026-12-06T08:30:00.123456Z")
        #expect(cell(.timestamp) { $0.writeInteger(Int64(-1_000_000)) }.jsonValue == "1999-12-31T23:59:59")
        #expect(cell(.timestamptz) { $0.writeInteger(Int64(-500_000)) }.jsonValue == "1999-12-31T23:59:59.5Z")
        #expect(cell(.timestamptz) { $0.writeInteger(Int64.max) }.jsonValue == "infinity")
        #expect(cell(.date) { $0.writeInteger(Int32(9836)) }.jsonValue == "2026-12-06")
        #expect(cell(.date) { $0.writeInteger(Int32(-730_119)) }.jsonValue == "0001-01-01")
        #expect(cell(.date) { $0.writeInteger(Int32.min) }.jsonValue == "-infinity")
    }

    @Test("numbers, booleans, jsonb, text and NULL")
    func scalars() {
        #expect(cell(.int8) { $0.writeInteger(Int64(-42)) }.jsonValue == -42)
        #expect(cell(.float8) { $0.writeInteger(Double(2.5).bitPattern) }.jsonValue == 2.5)
        #expect(cell(.bool) { $0.writeInteger(UInt8(1)) }.jsonValue == true)
        #expect(
            cell(.jsonb) {
                $0.writeInteger(UInt8(1))
                $0.writeString(#"{"a":[1,null]}"#)
            }.jsonValue == ["a": [1, .null]])
        #expect(cell(.text) { $0.writeString("héllo") }.jsonValue == "héllo")
        let null = PostgresCell(bytes: nil, dataType: .text, format: .binary, columnName: "c", columnIndex: 0)
        #expect(null.jsonValue == .null)
    }

    @Test("parameters bind as untyped text; the runner's forbidden names are found in any case")
    func parametersAndForbiddenNames() {
        #expect(PostgresParameter(3).text == "3")
        #expect(PostgresParameter(2.5).text == "2.5")
        #expect(PostgresParameter(.null).text == nil)
        #expect(PostgresParameter(["k": true]).text == #"{"k":true}"#)
        #expect(
            ForbiddenExpressions.refusal(of: "SELECT * FROM PG_STAT_ACTIVITY")
                == "usage of pg_stat_activity in a query is forbidden")
        #expect(ForbiddenExpressions.refusal(of: "SELECT id FROM orders") == nil)
        #expect(SQLStatement.numberingPlaceholders("a = ? AND b ?? c AND d = ?") == "a = $1 AND b ? c AND d = $2")
    }
}
