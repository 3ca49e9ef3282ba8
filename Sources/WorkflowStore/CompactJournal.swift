import Foundation
import WorkflowEngine
import WorkflowModel

/// A finished instance's journal as the memory store keeps it: the two events every step writes —
/// `stepStarted` with no inputs and `stepSucceeded` with `{}` outputs on `main`, as noop-like steps give — packed
/// into a few bytes each, every other entry kept as it is. ``entries`` gives back exactly the entries it was made
/// from (same sequences, same `Date` bits, same events).
///
/// Layout of `bytes`, one record per entry in order: a header byte (bits 0–1: 0 = the next of `others`,
/// 1 = `stepStarted`, 2 = `stepSucceeded`, 3 = `instanceFinished` with `{}` outputs and no error; bit 2: same
/// time as the previous entry; bit 3: sequence is the previous one + 1; bit 4: same step as the previous packed
/// step event); then, for a packed entry, the sequence (zigzag varint) unless bit 3, the time (the 8 bytes of its
/// `timeIntervalSinceReferenceDate`) unless bit 2, and for a step event the step name (its UTF-8 length as a
/// varint, then the bytes) unless bit 4 and the attempt (zigzag varint), for the end the status (its index in
/// `InstanceStatus.allCases`). A step's start and success are next to each other in a run of inline steps, so the
/// name is mostly written once per step, with no table to search (a 1,000-step journal packs in linear time).
struct CompactJournal: Sendable {
    private var bytes: [UInt8] = []
    private var others: [JournalEntry] = []
    /// How many entries there are.
    private(set) var count = 0

    private enum Kind: UInt8 {
        case other = 0
        case started = 1
        case succeeded = 2
        case finished = 3
    }

    private static let sameTime: UInt8 = 4
    private static let nextSequence: UInt8 = 8
    private static let sameStep: UInt8 = 16

    /// Packs `entries`.
    init(_ entries: [JournalEntry]) {
        var previousStep: String?
        var previous: (sequence: Int, time: Date)?
        bytes.reserveCapacity(entries.count * 3 + 32)
        for entry in entries {
            count += 1
            defer { previous = (entry.sequence, entry.time) }
            let packed: (Kind, String, Int)?
            switch entry.event {
            case .stepStarted(let step, let attempt, let inputs) where inputs.isEmpty:
                packed = (.started, step, attempt)
            case .stepSucceeded(let step, let attempt, let outputs, let branch)
            where outputs == .emptyObject && branch == "main":
                packed = (.succeeded, step, attempt)
            case .instanceFinished(let status, let outputs, nil) where outputs == .emptyObject:
                packed = InstanceStatus.allCases.firstIndex(of: status).map { (.finished, "", $0) }
            default:
                packed = nil
            }
            guard let (kind, step, attempt) = packed else {
                bytes.append(Kind.other.rawValue)
                others.append(entry)
                continue
            }
            var header = kind.rawValue
            let sameTime = previous.map { $0.time == entry.time } ?? false
            let nextSequence = previous.map { $0.sequence &+ 1 == entry.sequence } ?? false
            let sameStep = kind != .finished && previousStep == step
            if sameTime { header |= Self.sameTime }
            if nextSequence { header |= Self.nextSequence }
            if sameStep { header |= Self.sameStep }
            bytes.append(header)
            if !nextSequence { appendVarint(zigzag(entry.sequence)) }
            if !sameTime {
                var bits = entry.time.timeIntervalSinceReferenceDate.bitPattern
                for _ in 0..<8 {
                    bytes.append(UInt8(truncatingIfNeeded: bits))
                    bits >>= 8
                }
            }
            if kind == .finished {
                // `attempt` carries the status's index here.
                appendVarint(UInt64(attempt))
                continue
            }
            if !sameStep {
                appendVarint(UInt64(step.utf8.count))
                bytes.append(contentsOf: step.utf8)
                previousStep = step
            }
            appendVarint(zigzag(attempt))
        }
    }

    /// The entries, as they were given.
    var entries: [JournalEntry] {
        var result: [JournalEntry] = []
        result.reserveCapacity(count)
        var reader = Reader(bytes: bytes)
        var step = ""
        var nextOther = 0
        var previous: (sequence: Int, time: Date)?
        while let header = reader.byte() {
            let kind = Kind(rawValue: header & 3) ?? .other
            if kind == .other {
                guard nextOther < others.count else { break }
                result.append(others[nextOther])
                nextOther += 1
            } else {
                let sequence =
                    header & Self.nextSequence != 0
                    ? (previous?.sequence ?? -1) &+ 1 : Self.unzigzag(reader.varint())
                let time: Date
                if header & Self.sameTime != 0, let previous {
                    time = previous.time
                } else {
                    var bits: UInt64 = 0
                    for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(reader.byte() ?? 0) << UInt64(shift) }
                    time = Date(timeIntervalSinceReferenceDate: Double(bitPattern: bits))
                }
                if kind == .finished {
                    let statuses = InstanceStatus.allCases
                    let index = Int(reader.varint())
                    let status = index < statuses.count ? statuses[index] : .inProgress
                    result.append(
                        JournalEntry(
                            sequence: sequence, time: time,
                            event: .instanceFinished(status: status, outputs: .emptyObject, error: nil)))
                    previous = (sequence, time)
                    continue
                }
                if header & Self.sameStep == 0 {
                    let length = Int(reader.varint())
                    step = String(decoding: reader.take(length), as: UTF8.self)
                }
                let attempt = Self.unzigzag(reader.varint())
                let event: InstanceEvent =
                    kind == .started
                    ? .stepStarted(step: step, attempt: attempt, inputs: [:])
                    : .stepSucceeded(step: step, attempt: attempt, outputs: .emptyObject, branch: "main")
                result.append(JournalEntry(sequence: sequence, time: time, event: event))
            }
            if let last = result.last { previous = (last.sequence, last.time) }
        }
        return result
    }

    /// The bytes kept (for figures and tests).
    var packedBytes: Int { bytes.count }

    private func zigzag(_ value: Int) -> UInt64 {
        UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
    }

    private static func unzigzag(_ value: UInt64) -> Int {
        Int(truncatingIfNeeded: (value >> 1) ^ (0 &- (value & 1)))
    }

    private mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads `bytes` front to back; past the end it reads zeros.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func varint() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let next = byte() {
                if shift < 64 { value |= UInt64(next & 0x7F) << shift }
                if next & 0x80 == 0 { break }
                shift += 7
            }
            return value
        }

        mutating func take(_ count: Int) -> ArraySlice<UInt8> {
            let end = min(offset + max(count, 0), bytes.count)
            defer { offset = end }
            return bytes[offset..<end]
        }
    }
}
