package io.robustgate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (Implementation-Version), so it cannot drift from the POM's. */
final class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RobustGateCli.class.getPackage().getImplementationVersion();
        return new String[] {"robustgate-cli " + (version == null ? "(development build)" : version)};
    }
}
