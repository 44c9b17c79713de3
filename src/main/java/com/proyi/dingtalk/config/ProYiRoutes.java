package com.proyi.dingtalk.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The module's only way to ProYi's tables: the {@code direct:} routes in routes/ that hold the SQL,
 * each described there with its parameters and result columns. Parameters go in as the body map
 * ({@code :#tenant_id}, {@code :#account}, ...). A route runs on the caller's thread, and camel-sql
 * runs its statements through Spring's JdbcTemplate, so they join the caller's transaction.
 */
@Component
public class ProYiRoutes {

    private final ProducerTemplate camel;

    public ProYiRoutes(ProducerTemplate camel) {
        this.camel = camel;
    }

    /** The rows a query route answers (outputType SelectList). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rows(String endpoint, Map<String, Object> parameters) {
        return ask(endpoint, parameters, List.class);
    }

    /** Runs a statement route for its effect. */
    public void run(String endpoint, Map<String, Object> parameters) {
        ask(endpoint, parameters, Object.class);
    }

    /** The route's answer; what went wrong in the route (a database error, say) is thrown as it was. */
    public <T> T ask(String endpoint, Map<String, Object> parameters, Class<T> answer) {
        try {
            return camel.requestBody(endpoint, parameters, answer);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A mutable parameter map (null values allowed) from name, value, name, value, ... */
    public static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /** The named column of each row, as text (null stays null). */
    public static List<String> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(row -> text(row.get(name))).toList();
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
