package io.robustgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build of RobustGate, from a file Maven fills in, so it cannot drift from the POM's. */
public final class RobustGateVersion {

    private static final String RESOURCE = "robustgate-version.properties";

    private RobustGateVersion() {}

    public static String current() {
        try (InputStream in = RobustGateVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
