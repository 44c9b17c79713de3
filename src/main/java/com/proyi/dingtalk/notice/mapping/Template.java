package com.proyi.dingtalk.notice.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A mapping text with {@code ${name}} and {@code ${name:default}} placeholders, and {@code ${!name}} for a
 * value inserted as it is, without the escaping its place calls for. Parsing is strict so that a typo is
 * reported when the file loads, not when the first event of that kind arrives.
 */
final class Template {

    private static final Pattern FIELD = Pattern.compile("fields(\\.[^.:{}$\\s]+)+");

    /** fallback is null when the placeholder has no default, so a missing value is an error. */
    private record Placeholder(String name, String fallback, boolean raw) {
    }

    private final List<Object> parts;

    private Template(List<Object> parts) {
        this.parts = parts;
    }

    /** Parsed texts by source: mapping files hold few distinct texts, and every event renders them again. */
    private static final Map<String, Template> PARSED = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException naming the syntax problem */
    static Template parse(String source) {
        return PARSED.computeIfAbsent(source, Template::parseText);
    }

    private static Template parseText(String source) {
        List<Object> parts = new ArrayList<>();
        int from = 0;
        for (int start = source.indexOf("${"); start >= 0; start = source.indexOf("${", from)) {
            int end = source.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("unbalanced '${' at position " + start + ": no closing '}'");
            }
            parts.add(source.substring(from, start));
            parts.add(placeholder(source.substring(start + 2, end)));
            from = end + 1;
        }
        parts.add(source.substring(from));
        return new Template(parts);
    }

    private static Placeholder placeholder(String written) {
        boolean raw = written.startsWith("!");
        String inside = raw ? written.substring(1) : written;
        int colon = inside.indexOf(':');
        String name = colon < 0 ? inside : inside.substring(0, colon);
        if (!EventValues.COLUMNS.contains(name) && !FIELD.matcher(name).matches()) {
            throw new IllegalArgumentException("unknown placeholder '${" + written + "}': use one of "
                    + String.join(", ", EventValues.COLUMNS) + " or fields.<name>, optionally with ':default'");
        }
        return new Placeholder(name, colon < 0 ? null : inside.substring(colon + 1), raw);
    }

    /**
     * Fills in the placeholders. A missing or blank value takes the default; a missing value without a
     * default fails, because a notice with a hole in it is worse than a notice reported as broken.
     *
     * @param encode applied to every inserted value but {@code ${!raw}} ones, e.g. URL encoding inside links
     * @param where  names the mapping key in the error message
     */
    String render(Function<String, String> values, UnaryOperator<String> encode, String where) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                String value = value(p, values, where);
                text.append(p.raw() ? value : encode.apply(value));
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }

    private static String value(Placeholder p, Function<String, String> values, String where) {
        String value = values.apply(p.name());
        if ((value == null || value.isBlank()) && p.fallback() != null) {
            return p.fallback();
        }
        if (value == null) {
            throw new MappingException(where + ": placeholder ${" + p.name() + "} has no value in this event"
                    + " and no default (write ${" + p.name() + ":} to allow it to be empty)");
        }
        return value;
    }
}
