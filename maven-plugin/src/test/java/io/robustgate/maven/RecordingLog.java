package io.robustgate.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Maven log that also keeps what was logged, as "[LEVEL] message" lines. */
final class RecordingLog extends SystemStreamLog {

    final List<String> lines = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
        lines.add("[INFO] " + content);
    }

    @Override
    public void warn(CharSequence content) {
        lines.add("[WARNING] " + content);
    }

    @Override
    public void error(CharSequence content) {
        lines.add("[ERROR] " + content);
    }

    boolean has(String level, String fragment) {
        return lines.stream().anyMatch(l -> l.startsWith("[" + level + "]") && l.contains(fragment));
    }

    long count(String level) {
        return lines.stream().filter(l -> l.startsWith("[" + level + "]")).count();
    }
}
