package io.coverwatch.inventory.eventhubs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportedTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> rows(String... types) {
        List<JsonNode> rows = new ArrayList<>();
        for (String type : types) {
            rows.add(
                    type == null
                            ? JSON.createObjectNode()
                            : JSON.createObjectNode().put("Type", type));
        }
        return rows;
    }

    @Test
    void onTheHeartbeatHubARowWithoutTypeIsAHeartbeatAndTypedRowsGoWhereTheirTypeSays() {
        ExportedTable.Split split = ExportedTable.split(
                rows(null, "Heartbeat", "securityevent", "Syslog"), Set.of(ExportedTable.HEARTBEAT));

        assertEquals(List.of(0, 1), split.of(ExportedTable.HEARTBEAT));
        assertEquals(List.of(2), split.of(ExportedTable.SECURITY_EVENT));
        assertEquals(List.of("Syslog"), split.otherTables());
        assertEquals(List.of(), split.unreadable());
    }

    @Test
    void onAHubOfSeveralTablesARowWithoutTypeCannotBeTold() {
        ExportedTable.Split split = ExportedTable.split(
                rows("SecurityEvent", null), EnumSet.of(ExportedTable.HEARTBEAT, ExportedTable.SECURITY_EVENT));

        assertEquals(List.of(0), split.of(ExportedTable.SECURITY_EVENT));
        assertEquals(List.of(1), split.unreadable());
    }

    @Test
    void oneHubNamedForBothTablesIsReadOnce() {
        assertEquals(
                Map.of("coverwatch-export", EnumSet.of(ExportedTable.HEARTBEAT, ExportedTable.SECURITY_EVENT)),
                ExportedTable.byHub(Map.of(
                        ExportedTable.HEARTBEAT, Optional.of("coverwatch-export"),
                        ExportedTable.SECURITY_EVENT, Optional.of("coverwatch-export"))));
        assertEquals(
                Map.of(
                        "am-heartbeat", EnumSet.of(ExportedTable.HEARTBEAT),
                        "am-securityevent", EnumSet.of(ExportedTable.SECURITY_EVENT)),
                ExportedTable.byHub(Map.of(
                        ExportedTable.HEARTBEAT, Optional.of("am-heartbeat"),
                        ExportedTable.SECURITY_EVENT, Optional.of("am-securityevent"))));
        assertEquals(Map.of(), ExportedTable.byHub(Map.of(ExportedTable.HEARTBEAT, Optional.empty())));
    }
}
