package com.proyi.dingtalk.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The routes are read from the file system; when their folder is missing (the module started from
 * another working directory) Camel only says "NoSuchFileException: routes". Say what to do instead.
 */
@Component
public class RouteFolderCheck implements InitializingBean {

    private final String includePattern;

    public RouteFolderCheck(@Value("${camel.main.routes-include-pattern:}") String includePattern) {
        this.includePattern = includePattern;
    }

    @Override
    public void afterPropertiesSet() {
        for (String pattern : includePattern.split(",")) {
            String location = pattern.trim();
            if (!location.startsWith("file:")) {
                continue;
            }
            String path = location.substring("file:".length());
            Path folder = Path.of(path.contains("*") ? path.substring(0, path.indexOf('*')) : path);
            if (!Files.isDirectory(folder.toString().isEmpty() ? Path.of(".") : folder)) {
                throw new IllegalStateException("Route folder " + folder.toAbsolutePath() + " does not exist: start the"
                        + " module in its installation folder (the one holding routes/ and mappings/), or set"
                        + " proyi.routes.directory and proyi.mappings.directory to where they are");
            }
        }
    }
}
