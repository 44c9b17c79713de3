package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.notice.DocEvent;
import org.apache.camel.Variable;
import org.apache.camel.language.simple.Simple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Renders ProYi document events as DingTalk work notifications, as declared in the mappings folder:
 * {@code <doc_type>.yaml} first, then {@code default.yaml}. See mappings/README.md for the format.
 */
@Component
public class NoticeMappings implements InitializingBean {

    static final String DEFAULT_FILE = "default.yaml";
    static final String ANY_ACTION = "*";

    private static final Logger log = LoggerFactory.getLogger(NoticeMappings.class);

    private final MappingFiles files;
    private final ZoneId timeZone;
    private final String moduleUrl;

    @Autowired
    public NoticeMappings(ProYiProperties properties) {
        this(Path.of(properties.getMappings().getDirectory()), properties.getMappings().zone(), properties.getModuleUrl());
    }

    /** @param timeZone in which ${created_at} is shown */
    public NoticeMappings(Path directory, ZoneId timeZone) {
        this(directory, timeZone, null);
    }

    /**
     * @param moduleUrl the module's public URL (proyi.module-url): links then enter through its
     *                  free-login page; null or blank: they open ProYi directly
     */
    public NoticeMappings(Path directory, ZoneId timeZone, String moduleUrl) {
        this.files = new MappingFiles(directory);
        this.timeZone = timeZone;
        this.moduleUrl = moduleUrl == null || moduleUrl.isBlank() ? null : moduleUrl;
    }

    /** Reports broken mapping files at start-up; they fail only the events that use them. */
    @Override
    public void afterPropertiesSet() {
        validateAll();
    }

    /** Validates every file now; returns the problems (empty = fine) and logs each as a warning. */
    public List<String> validateAll() {
        List<String> problems = new ArrayList<>();
        if (files.get(DEFAULT_FILE) == null) {
            problems.add(files.directory().resolve(DEFAULT_FILE)
                    + ": missing; events of doc types without their own file cannot be rendered");
        }
        for (String name : yamlFiles(problems)) {
            problems.addAll(files.get(name).problems());
        }
        problems.forEach(problem -> log.warn("Notice mapping problem: {}", problem));
        return problems;
    }

    /**
     * Renders the DingTalk msg object for the event, or throws MappingException with a readable reason
     * (no mapping file for doc type and no default.yaml; no entry for the action; invalid file; missing placeholder).
     */
    public Map<String, Object> render(@Variable("event") DocEvent event,
                                      @Simple("${properties:proyi.base-url}") String proyiBaseUrl) throws MappingException {
        String prefix = "event " + event.id() + " (" + event.docType() + "/" + event.action() + "): ";
        if (proyiBaseUrl == null || proyiBaseUrl.isBlank()) {
            throw new MappingException(prefix + "no ProYi base URL to build links with");
        }
        try {
            return renderWith(mappingFiles(event.docType()), event, proyiBaseUrl);
        } catch (MappingException e) {
            throw new MappingException(prefix + e.getMessage(), e);
        }
    }

    private Map<String, Object> renderWith(List<MappingFiles.MappingFile> candidates, DocEvent event, String baseUrl) {
        if (candidates.isEmpty()) {
            throw new MappingException("no mapping: neither " + event.docType() + ".yaml nor " + DEFAULT_FILE
                    + " exists in " + files.directory());
        }
        for (MappingFiles.MappingFile file : candidates) {
            if (!file.problems().isEmpty()) {
                throw new MappingException("invalid mapping file: " + String.join("; ", file.problems()));
            }
            for (String key : new String[] {event.action(), ANY_ACTION}) {
                if (file.tree().path("actions").has(key)) {
                    return renderer(file, key, event, baseUrl).render();
                }
            }
        }
        throw new MappingException("no entry for action '" + event.action() + "' (nor \"*\") in "
                + candidates.stream().map(file -> file.path().toString()).toList());
    }

    /**
     * How a notice of this document type and action is sent and what happens to it when its document
     * closes: its {@code msgtype} and {@code when_closed} ({@code recall} or {@code leave}; by default
     * recall for {@code todo}, leave for every other action). Empty when no valid entry exists.
     */
    public Optional<Followup> followup(String docType, String action) {
        for (MappingFiles.MappingFile file : mappingFiles(docType)) {
            if (!file.problems().isEmpty()) {
                return Optional.empty();
            }
            for (String key : new String[] {action, ANY_ACTION}) {
                com.fasterxml.jackson.databind.JsonNode entry = file.tree().path("actions").path(key);
                if (entry.isObject()) {
                    String whenClosed = entry.path("when_closed").asText("todo".equals(action) ? "recall" : "leave");
                    return Optional.of(new Followup(entry.path("msgtype").asText(), whenClosed));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The DingTalk 待办 each recipient of the event gets, when its mapping entry wants one
     * ({@code todo_task}, default true for {@code todo} only); empty when not or when the event has no
     * usable mapping entry.
     */
    public Optional<TodoTaskContent> todoTask(DocEvent event, String proyiBaseUrl) {
        for (MappingFiles.MappingFile file : mappingFiles(event.docType())) {
            if (!file.problems().isEmpty()) {
                return Optional.empty();
            }
            for (String key : new String[] {event.action(), ANY_ACTION}) {
                com.fasterxml.jackson.databind.JsonNode entry = file.tree().path("actions").path(key);
                if (entry.isObject()) {
                    if (!entry.path("todo_task").asBoolean("todo".equals(event.action()))) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(renderer(file, key, event, proyiBaseUrl).todoTask());
                    } catch (MappingException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A to-do task's subject and the pages its card opens on the phone ({@code appUrl}) and the PC. */
    public record TodoTaskContent(String subject, String appUrl, String pcUrl) {}

    /** See {@link #followup(String, String)}. */
    public record Followup(String msgtype, String whenClosed) {
        public boolean recall() {
            return "recall".equals(whenClosed);
        }
    }

    /**
     * The ProYi path a tap on the event's notice ({@code button} null) or one of its buttons opens,
     * on the PC client or on the phone, as the free-login page lands the person; empty when the
     * event has no usable mapping entry or no such button.
     */
    public Optional<String> target(DocEvent event, Integer button, boolean pc) {
        for (MappingFiles.MappingFile file : mappingFiles(event.docType())) {
            if (!file.problems().isEmpty()) {
                return Optional.empty();
            }
            for (String key : new String[] {event.action(), ANY_ACTION}) {
                if (file.tree().path("actions").has(key)) {
                    try {
                        return renderer(file, key, event, "").target(button, pc);
                    } catch (MappingException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private MessageRenderer renderer(MappingFiles.MappingFile file, String key, DocEvent event, String baseUrl) {
        int recipients = event.recipients() == null ? 0 : event.recipients().size();
        MessageRenderer.FreeLoginLinks links = moduleUrl == null ? null
                : new MessageRenderer.FreeLoginLinks(moduleUrl, event.tenantId(), event.id());
        return new MessageRenderer(file, key, new EventValues(event, timeZone), recipients, baseUrl, links);
    }

    /**
     * The document type's priority from its mapping ({@code priority: high | normal | low}, else
     * default.yaml's, else normal): 0 for high, 1 for normal, 2 for low.
     */
    public int priority(String docType) {
        for (MappingFiles.MappingFile file : mappingFiles(docType)) {
            JsonNode priority = file.tree() == null ? null : file.tree().get("priority");
            if (priority != null && priority.isTextual()) {
                return switch (priority.asText()) {
                    case "high" -> 0;
                    case "low" -> 2;
                    default -> 1;
                };
            }
        }
        return 1;
    }

    /** The doc type's own file wins; default.yaml covers the actions it leaves out. */
    private List<MappingFiles.MappingFile> mappingFiles(String docType) {
        List<MappingFiles.MappingFile> found = new ArrayList<>();
        if (isPlainName(docType) && !docType.equals("default")) {
            addIfPresent(found, files.get(docType + ".yaml"));
        }
        addIfPresent(found, files.get(DEFAULT_FILE));
        return found;
    }

    /** A doc type names a file, so it must not reach outside the mappings folder. */
    private static boolean isPlainName(String docType) {
        return docType != null && !docType.isBlank() && !docType.startsWith(".")
                && !docType.contains("/") && !docType.contains("\\");
    }

    private static void addIfPresent(List<MappingFiles.MappingFile> found, MappingFiles.MappingFile file) {
        if (file != null) {
            found.add(file);
        }
    }

    private TreeSet<String> yamlFiles(List<String> problems) {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(files.directory(), "*.yaml")) {
            stream.forEach(path -> names.add(path.getFileName().toString()));
        } catch (IOException e) {
            problems.add(files.directory() + ": cannot list mapping files: " + e);
        }
        return names;
    }
}
