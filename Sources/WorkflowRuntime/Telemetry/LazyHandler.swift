import Synchronization

/// A metric handler made on its first use and read without a lock afterwards: the hot path asks the registry once
/// per label set, not once per event.
final class LazyHandler<Handler: Sendable>: Sendable {
    private final class Box: Sendable {
        let handler: Handler
        init(_ handler: Handler) { self.handler = handler }
    }

    private let reference = AtomicLazyReference<Box>()

    /// The handler, made by `make` the first time (two threads racing may both call `make`; one result is kept,
    /// and registries hand out the same handler for the same labels anyway).
    func get(_ make: () -> Handler) -> Handler {
        if let box = reference.load() { return box.handler }
        return reference.storeIfNil(Box(make())).handler
    }
}
