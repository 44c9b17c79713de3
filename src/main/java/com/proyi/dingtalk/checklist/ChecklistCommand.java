package com.proyi.dingtalk.checklist;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code java -jar proyi-dingtalk.jar checklist [--property=value ...]}: runs the checklist with the
 * module's usual configuration and exits. No web server, no migrations, and the routes loaded but
 * not started (the checklist runs the ProYi SQL routes one by one): lazy beans mean only the checks
 * and what they need are created, so a broken setting elsewhere cannot stop the command from
 * saying what is wrong.
 */
public final class ChecklistCommand {

    public static final String NAME = "checklist";

    /** Exit status: every essential item passed. */
    public static final int PASSED = 0;
    /** Exit status: an essential item is missing, wrong, or could not be checked. */
    public static final int FAILED = 1;
    /** Exit status: the checks could not run at all (e.g. the configuration does not bind). */
    public static final int NOT_RUN = 2;

    private static final Map<String, Object> COMMAND_SETTINGS = Map.of(
            "spring.flyway.enabled", "false",
            "camel.main.auto-startup", "false",
            "camel.main.routes-reload-enabled", "false",
            "proyi.outbox.enabled", "false",
            "spring.quartz.auto-startup", "false",
            // the schedules' endpoints register their jobs as the routes load: in a scheduler of Camel's own,
            // in memory and never started, so that the command neither needs the Quartz tables (absent before
            // the module's first start) nor touches the cluster's jobs
            "camel.component.quartz.autowired-enabled", "false",
            "camel.component.quartz.auto-start-scheduler", "false");

    private ChecklistCommand() {
    }

    public static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /**
     * @param application the module's Spring Boot application class
     * @param args        the command line, starting with {@value #NAME}
     */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        String[] springArgs = Arrays.copyOfRange(args, 1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .lazyInitialization(true)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // first in line, so application.yaml cannot turn the routes or the migrations back on
                .initializers(starting -> starting.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource(NAME, COMMAND_SETTINGS)))
                .run(springArgs)) {
            ChecklistReport report = context.getBean(Checklist.class).run();
            out.print(ChecklistTable.render(report));
            out.flush();
            return report.passed() ? PASSED : FAILED;
        } catch (RuntimeException e) {
            out.println("检查表无法运行：" + e.getMessage());
            out.flush();
            return NOT_RUN;
        }
    }
}
