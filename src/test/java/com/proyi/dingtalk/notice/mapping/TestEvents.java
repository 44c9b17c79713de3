package com.proyi.dingtalk.notice.mapping;

import com.proyi.dingtalk.notice.DocEvent;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Events, mapping folders and link helpers shared by the mapping tests. */
final class TestEvents {

    static final String BASE_URL = "https://proyi.example.com/erp/";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Path SHIPPED = Path.of("mappings");

    private TestEvents() {
    }

    static DocEvent event(String docType, String action, Map<String, Object> fields) {
        return new DocEvent(42, "t1", docType, "D-1001", "PO-2024-0001", action, "采购订单 PO-2024-0001",
                "办公用品采购", "张三", List.of("u1", "u2"), fields, Instant.parse("2024-05-06T01:02:03Z"));
    }

    static DocEvent event(String docType, String action) {
        return event(docType, action, Map.of());
    }

    static DocEvent withRecipients(DocEvent e, List<String> recipients) {
        return new DocEvent(e.id(), e.tenantId(), e.docType(), e.docId(), e.docNo(), e.action(), e.title(),
                e.summary(), e.sender(), recipients, e.fields(), e.createdAt());
    }

    static NoticeMappings shipped() {
        return new NoticeMappings(SHIPPED, CHINA);
    }

    /** A mappings folder with the shipped schema and the given files (name, content, name, content...). */
    static Path folder(Path dir, String... namesAndContents) throws IOException {
        Files.copy(SHIPPED.resolve(MappingFiles.SCHEMA), dir.resolve(MappingFiles.SCHEMA));
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Files.writeString(dir.resolve(namesAndContents[i]), namesAndContents[i + 1]);
        }
        return dir;
    }

    /** The page a dingtalk://dingtalkclient/page/link URL opens. */
    static String slideTarget(String link) {
        String prefix = "dingtalk://dingtalkclient/page/link?url=";
        String suffix = "&pc_slide=true";
        if (!link.startsWith(prefix) || !link.endsWith(suffix)) {
            throw new AssertionError("not a pc_slide link: " + link);
        }
        return URLDecoder.decode(link.substring(prefix.length(), link.length() - suffix.length()), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}
