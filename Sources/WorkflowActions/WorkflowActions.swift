/// The WorkflowActions module. See ARCHITECTURE.md for what it owns.
public enum ActionsModule {}
