/// The WorkflowServer module. See ARCHITECTURE.md for what it owns.
public enum ServerModule {}
