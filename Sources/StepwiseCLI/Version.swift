extension Stepwise {
    /// The version `stepwise --version` prints.
    static let version = "0.9.0"
}
