package io.robustgate.cli;

import io.robustgate.InputFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * {@code java -jar robustgate-cli.jar evaluate|check|report|run -c robustgate.yaml}: the Maven
 * plugin's goals for builds that are not Maven's (Gradle, a Python CI job). The exit code is the
 * verdict (see {@link ExitCode}).
 */
@Command(name = "robustgate", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = "Gate a segmentation model on adversarial robustness.",
        subcommands = {EvaluateCommand.class, CheckCommand.class, ReportCommand.class, RunCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:passed (or nothing to judge)", "1:a gate failed: a rule was violated or matched no result",
                "2:bad command line or configuration file", "3:unusable model, held-out set or results file",
                "4:unexpected error (a bug: please report it with the stack trace)"})
public final class RobustGateCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RobustGateCli());
        commandLine.setExecutionExceptionHandler(exitCodes());
        return commandLine;
    }

    /**
     * A message naming the file for what the user can fix, a stack trace only for what they cannot;
     * never picocli's default exit code 1 for an exception, which a script would read as a failed gate.
     */
    private static IExecutionExceptionHandler exitCodes() {
        return (exception, commandLine, parseResult) -> {
            if (exception instanceof ConfigurationException) {
                commandLine.getErr().println("Bad configuration: " + exception.getMessage());
                return ExitCode.BAD_CONFIGURATION;
            }
            if (exception instanceof BadInputException || exception instanceof InputFileException) {
                commandLine.getErr().println("Bad input: " + exception.getMessage());
                return ExitCode.BAD_INPUT;
            }
            exception.printStackTrace(commandLine.getErr());
            return ExitCode.INTERNAL_ERROR;
        };
    }
}
