/// The WorkflowStore module. See ARCHITECTURE.md for what it owns.
public enum StoreModule {}
