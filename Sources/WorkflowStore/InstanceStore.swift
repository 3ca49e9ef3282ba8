import WorkflowEngine

/// Where instances live: their journal and a summary kept up to date for list and get.
///
/// Implementations: ``MemoryInstanceStore`` (tests, benchmarks, one-off CLI runs); SQLite (durable default).
public protocol InstanceStore: Sendable {
    /// Records a new instance.
    /// - Throws: ``StoreError`` with code `duplicate` when the id exists.
    func create(_ summary: InstanceSummary) async throws(StoreError)
    /// Appends journal events of one scheduler turn, atomically, and folds them into the summary.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown instance.
    func append(instance id: String, _ entries: [JournalEntry]) async throws(StoreError)
    /// The instance's summary, or `nil`.
    func instance(id: String) async throws(StoreError) -> InstanceSummary?
    /// The instance's journal in order.
    func journal(instance id: String) async throws(StoreError) -> [JournalEntry]
    /// Instances newest first, optionally of one workflow, a page at a time.
    func list(_ query: InstanceQuery) async throws(StoreError) -> InstancePage
    /// Instances still `IN_PROGRESS`, oldest first: the runs to carry on after a crash.
    func unfinished() async throws(StoreError) -> [InstanceSummary]
    /// Records that someone asked to cancel the instance, for whichever process runs it.
    func requestCancel(instance id: String) async throws(StoreError)
    /// Instances whose cancel was asked and not yet taken (``takeCancelRequest(instance:)``).
    func cancelRequests() async throws(StoreError) -> Set<String>
    /// Removes a cancel request once the instance was cancelled.
    func takeCancelRequest(instance id: String) async throws(StoreError)
}

/// What to list.
public struct InstanceQuery: Sendable, Hashable {
    public var workflowId: String?
    /// From 0.
    public var pageNumber: Int
    public var pageSize: Int

    public init(workflowId: String? = nil, pageNumber: Int = 0, pageSize: Int = 10) {
        self.workflowId = workflowId
        self.pageNumber = pageNumber
        self.pageSize = pageSize
    }
}

/// One page of instances with the counts Datadog's list returns.
public struct InstancePage: Sendable, Hashable {
    public var instances: [InstanceSummary]
    public var totalCount: Int
    public var succeededCount: Int
    public var failedCount: Int
    public var canceledCount: Int

    public init(
        instances: [InstanceSummary], totalCount: Int, succeededCount: Int, failedCount: Int, canceledCount: Int
    ) {
        self.instances = instances
        self.totalCount = totalCount
        self.succeededCount = succeededCount
        self.failedCount = failedCount
        self.canceledCount = canceledCount
    }
}

/// A store failure.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; tests compare codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let notFound = Code("NOT_FOUND")
        public static let duplicate = Code("DUPLICATE")
        public static let io = Code("IO")
        /// Stored data could not be decoded (a damaged file, or one written by a newer version).
        public static let corrupt = Code("CORRUPT")
        /// The disk (or the database's size cap) is full; the write was rolled back.
        public static let full = Code("FULL")
        /// Another process holds the database locked longer than the busy timeout.
        public static let busy = Code("BUSY")
        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
