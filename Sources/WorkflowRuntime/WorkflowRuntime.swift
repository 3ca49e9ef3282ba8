/// The WorkflowRuntime module. See ARCHITECTURE.md for what it owns.
public enum RuntimeModule {}
