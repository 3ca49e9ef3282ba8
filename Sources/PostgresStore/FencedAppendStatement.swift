import PostgresNIO
import WorkflowStore

/// The fenced journal appends of several instances as ONE statement (one round trip, one commit): the lease of
/// each instance is checked and share-locked, its journal rows inserted and, when its fold says so, its summary row
/// rewritten.
///
/// Fencing: each lease row is locked `FOR KEY SHARE` with the expected owner and epoch in its `WHERE`. A claim
/// locks the lease row `FOR UPDATE` before it raises the epoch, so the two never interleave: either the claim
/// waits for this statement to commit (it skips the row and is refused), or this statement waits for the claim and
/// PostgreSQL re-checks the `WHERE` on the claimed row (READ COMMITTED's re-check of a locked row that changed),
/// finds the new epoch and writes nothing for that instance. Renewals and releases change no key: they neither
/// wait for nor block these locks.
///
/// Rows already stored are skipped (`ON CONFLICT DO NOTHING`): a turn sent again after a lost answer (the server
/// restarted, the call timed out after the commit) writes each row once. Only the owner of the current epoch
/// writes an instance's sequence numbers, so a row already there is this turn's own.
///
/// One row per requested instance: its id, whether it exists, whether its rows were written (fence held) and
/// whether its summary row was rewritten (the stored snapshot was the one the fold started from).
struct FencedAppendStatement: PostgresPreparedStatement {
    typealias Row = (String, Bool, Bool, Bool)

    static let sql = """
        WITH fenced AS MATERIALIZED (
            SELECT l.instance_id AS id FROM leases l
            WHERE l.instance_id = ANY($1::TEXT[])
                AND l.epoch = ($2::BIGINT[])[array_position($1::TEXT[], l.instance_id)]
                AND l.owner = ($3::TEXT[])[array_position($1::TEXT[], l.instance_id)]
            ORDER BY l.instance_id
            FOR KEY SHARE
        ), target AS MATERIALIZED (
            SELECT i.id, i.seq FROM instances i WHERE i.id IN (SELECT id FROM fenced)
        ), written AS (
            INSERT INTO journal (instance_seq, sequence, time, event)
            SELECT t.seq, e.sequence, e.time, e.event
            FROM unnest($4::TEXT[], $5::BIGINT[], $6::DOUBLE PRECISION[], $7::TEXT[]) AS e (id, sequence, time, event)
            JOIN target t ON t.id = e.id
            ON CONFLICT (instance_seq, sequence) DO NOTHING
        ), snapshots AS (
            UPDATE instances i SET status = s.status, ended_at = CASE WHEN s.ended THEN s.ended_at END,
                summary = s.summary, summary_through = s.through
            FROM unnest($8::TEXT[], $9::TEXT[], $10::BOOLEAN[], $11::DOUBLE PRECISION[], $12::TEXT[], $13::BIGINT[],
                    $14::BIGINT[], $15::BIGINT[])
                AS s (id, status, ended, ended_at, summary, through, previous, journal_through)
            JOIN target t ON t.id = s.id
            WHERE i.seq = t.seq AND i.summary_through = s.previous
                AND (SELECT coalesce(max(j.sequence), -1) FROM journal j WHERE j.instance_seq = t.seq)
                    = s.journal_through
            RETURNING i.id
        )
        SELECT r.id, EXISTS (SELECT 1 FROM instances i WHERE i.id = r.id),
            EXISTS (SELECT 1 FROM fenced f WHERE f.id = r.id), EXISTS (SELECT 1 FROM snapshots s WHERE s.id = r.id)
        FROM unnest($1::TEXT[]) AS r (id)
        """

    /// One instance's append.
    struct Append: Sendable {
        var instance: String
        var rows: EncodedEntries
        var fence: InstanceLease
        /// The summary row to write with the rows, when the fold says so.
        var snapshot: LiveSummaries.Snapshot?
    }

    let appends: [Append]

    func makeBindings() throws -> PostgresBindings {
        var ids: [String] = []
        var epochs: [Int] = []
        var owners: [String] = []
        var entryIds: [String] = []
        var sequences: [Int] = []
        var times: [Double] = []
        var events: [String] = []
        var snapshots = SnapshotColumns()
        for append in appends {
            ids.append(append.instance)
            epochs.append(append.fence.epoch)
            owners.append(append.fence.owner)
            entryIds.append(contentsOf: repeatElement(append.instance, count: append.rows.sequences.count))
            sequences.append(contentsOf: append.rows.sequences)
            times.append(contentsOf: append.rows.times)
            events.append(contentsOf: append.rows.events)
            if let snapshot = append.snapshot { snapshots.append(snapshot, of: append.instance) }
        }
        var bindings = PostgresBindings(capacity: 15)
        bindings.append(ids)
        bindings.append(epochs)
        bindings.append(owners)
        bindings.append(entryIds)
        bindings.append(sequences)
        bindings.append(times)
        bindings.append(events)
        snapshots.bind(into: &bindings)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}

extension FencedAppendStatement {
    /// The summary rows of a batch, column by column.
    private struct SnapshotColumns {
        var ids: [String] = []
        var statuses: [String] = []
        var ended: [Bool] = []
        var endedAt: [Double] = []
        var summaries: [String] = []
        var through: [Int] = []
        var previous: [Int] = []
        var journalThrough: [Int] = []

        mutating func append(_ snapshot: LiveSummaries.Snapshot, of id: String) {
            ids.append(id)
            statuses.append(snapshot.status)
            ended.append(snapshot.endedAt != nil)
            endedAt.append(snapshot.endedAt ?? 0)
            summaries.append(snapshot.summary)
            through.append(snapshot.through)
            previous.append(snapshot.previousThrough)
            journalThrough.append(snapshot.journalThrough)
        }

        func bind(into bindings: inout PostgresBindings) {
            bindings.append(ids)
            bindings.append(statuses)
            bindings.append(ended)
            bindings.append(endedAt)
            bindings.append(summaries)
            bindings.append(through)
            bindings.append(previous)
            bindings.append(journalThrough)
        }
    }
}
