import CoreMetrics
import Synchronization

/// A counter made on its first use and read without a lock afterwards: the hot path asks the registry once per
/// label set, not once per event. (Not generic: a generic class would look its metadata up at run time on each
/// read.)
final class LazyCounter: Sendable {
    private final class Box: Sendable {
        let handler: any CounterHandler
        init(_ handler: any CounterHandler) { self.handler = handler }
    }

    private let reference = AtomicLazyReference<Box>()

    /// The counter, made by `make` the first time (two threads racing may both call `make`; one result is kept,
    /// and registries hand out the same handler for the same labels anyway).
    func get(_ make: () -> any CounterHandler) -> any CounterHandler {
        if let box = reference.load() { return box.handler }
        return reference.storeIfNil(Box(make())).handler
    }
}
