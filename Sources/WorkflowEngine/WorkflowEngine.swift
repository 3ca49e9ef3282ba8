/// The WorkflowEngine module. See ARCHITECTURE.md for what it owns.
public enum EngineModule {}
