package io.robustgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions this RobustGate was built with (RobustGate, DJL, libtorch), written into the jar by
 * Maven, for reports that must say what produced their figures.
 */
public record BuildVersions(String robustGate, String djl, String libtorch) {

    public static BuildVersions current() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/robustgate/versions.properties is missing from robustgate-core");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/robustgate/versions.properties", e);
        }
        return new BuildVersions(properties.getProperty("robustgate"), properties.getProperty("djl"),
                properties.getProperty("libtorch"));
    }
}
