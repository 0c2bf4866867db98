package io.coverwatch.inventory.eventhubs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Log Analytics tables inventory reads from workspace data export. A data export rule without an event hub name
 * gives each table its own hub ({@code am-Heartbeat}, {@code am-SecurityEvent}); one with a name sends every table to
 * that hub. Either way each row's {@code Type} column names its table, so rows are told apart by it; a row without
 * one belongs to its hub's table when the hub carries only one.
 */
public enum ExportedTable {
    HEARTBEAT("Heartbeat"),
    SECURITY_EVENT("SecurityEvent");

    private static final Map<String, ExportedTable> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(
                    table -> table.tableName.toLowerCase(Locale.ROOT), Function.identity()));

    private final String tableName;

    ExportedTable(String tableName) {
        this.tableName = tableName;
    }

    /**
     * The rows of one event by table, with their index in the event.
     *
     * @param otherTables the tables of rows inventory does not read (skipped), one entry per row
     * @param unreadable  the indexes of rows whose table cannot be told
     */
    record Split(Map<ExportedTable, List<Integer>> rows, List<String> otherTables, List<Integer> unreadable) {

        List<Integer> of(ExportedTable table) {
            return rows.getOrDefault(table, List.of());
        }
    }

    /** Splits the rows of a hub that carries these tables. */
    static Split split(List<JsonNode> rows, Set<ExportedTable> hubTables) {
        Map<ExportedTable, List<Integer>> byTable = new EnumMap<>(ExportedTable.class);
        List<String> otherTables = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            JsonNode type = rows.get(index).get("Type");
            String name = type == null || type.isNull() || type.asText().isBlank() ? null : type.asText();
            Optional<ExportedTable> table = name == null
                    ? Optional.of(hubTables)
                            .filter(tables -> tables.size() == 1)
                            .map(tables -> tables.iterator().next())
                    : Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
            if (table.isPresent()) {
                byTable.computeIfAbsent(table.get(), key -> new ArrayList<>()).add(index);
            } else if (name != null) {
                otherTables.add(name);
            } else {
                unreadable.add(index);
            }
        }
        return new Split(byTable, otherTables, unreadable);
    }

    /** Which tables each configured hub carries: the same hub named for two tables carries both. */
    static Map<String, Set<ExportedTable>> byHub(Map<ExportedTable, Optional<String>> hubs) {
        Map<String, Set<ExportedTable>> byHub = new LinkedHashMap<>();
        hubs.forEach((table, hub) ->
                hub.ifPresent(name -> byHub.computeIfAbsent(name, key -> EnumSet.noneOf(ExportedTable.class))
                        .add(table)));
        return byHub;
    }
}
