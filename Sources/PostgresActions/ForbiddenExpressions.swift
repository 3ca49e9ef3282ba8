/// The admin tables and functions Datadog's private action runner refuses in the SQL of `select`, `insert` and
/// `explain`: a query whose lower-cased text contains one of these names fails with `usage of NAME in a query is
/// forbidden` before it reaches the server (a plain substring test, as the runner does it).
enum ForbiddenExpressions {
    /// Configuration, signalling, backup, recovery, size, location, file access and advisory lock functions.
    static let adminFunctions = [
        "current_setting", "set_config", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
        "pg_terminate_backend", "pg_create_restore_point", "pg_current_xlog_insert_location",
        "pg_current_xlog_location", "pg_start_backup", "pg_stop_backup", "pg_switch_xlog", "pg_xlogfile_name",
        "pg_xlogfile_name_offset", "pg_is_in_recovery", "pg_last_xlog_receive_location",
        "pg_last_xlog_replay_location", "pg_last_xact_replay_timestamp", "pg_is_xlog_replay_paused",
        "pg_xlog_replay_pause", "pg_xlog_replay_resume", "pg_column_size", "pg_database_size", "pg_indexes_size",
        "pg_relation_size", "pg_size_pretty", "pg_table_size", "pg_tablespace_size", "pg_total_relation_size",
        "pg_relation_filenode", "pg_relation_filepath", "pg_ls_dir", "pg_read_file", "pg_read_binary_file",
        "pg_stat_file", "pg_advisory_lock", "pg_advisory_lock_shared", "pg_advisory_unlock",
        "pg_advisory_unlock_all", "pg_advisory_unlock_shared", "pg_advisory_xact_lock",
        "pg_advisory_xact_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
        "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
    ]

    /// Session, privilege, visibility, catalog, comment and transaction information functions (all but
    /// `current_user`, `session_user`, `user` and `version`).
    static let infoFunctions = [
        "current_catalog", "current_database", "current_query", "current_schema", "current_schemas",
        "inet_client_addr", "inet_client_port", "inet_server_addr", "inet_server_port", "pg_backend_pid",
        "pg_conf_load_time", "pg_is_other_temp_schema", "pg_listening_channels", "pg_my_temp_schema",
        "pg_postmaster_start_time", "has_any_column_privilege", "has_database_privilege",
        "has_foreign_data_wrapper_privilege", "has_function_privilege", "has_language_privilege",
        "has_schema_privilege", "has_sequence_privilege", "has_server_privilege", "has_table_privilege",
        "has_tablespace_privilege", "pg_has_role", "pg_collation_is_visible", "pg_conversion_is_visible",
        "pg_function_is_visible", "pg_opclass_is_visible", "pg_operator_is_visible", "pg_table_is_visible",
        "pg_ts_config_is_visible", "pg_ts_dict_is_visible", "pg_ts_parser_is_visible", "pg_ts_template_is_visible",
        "pg_type_is_visible", "format_type", "pg_describe_object", "pg_get_constraintdef", "pg_get_expr",
        "pg_get_functiondef", "pg_get_function_arguments", "pg_get_function_identity_arguments",
        "pg_get_function_result", "pg_get_indexdef", "pg_get_keywords", "pg_get_ruledef", "pg_get_serial_sequence",
        "pg_get_triggerdef", "pg_get_userbyid", "pg_get_viewdef", "pg_options_to_table", "pg_tablespace_databases",
        "pg_typeof", "col_description", "obj_description", "shobj_description", "txid_current",
        "txid_current_snapshot", "txid_snapshot_xip", "txid_snapshot_xmax", "txid_snapshot_xmin",
        "txid_visible_in_snapshot", "xmin", "xmax", "xip_list",
    ]

    /// Tables no query may name.
    static let tables = ["pg_stat_activity"]

    /// Every forbidden name, in the order the runner checks them (information functions first).
    static let all = infoFunctions + adminFunctions + tables

    /// The runner's refusal of `query`, or `nil` when it names nothing forbidden.
    static func refusal(of query: String) -> String? {
        let lowered = query.lowercased()
        return all.first { lowered.contains($0) }.map { "usage of \($0) in a query is forbidden" }
    }
}
