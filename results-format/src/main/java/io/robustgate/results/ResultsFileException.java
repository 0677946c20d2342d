package io.robustgate.results;

import io.robustgate.InputFileException;
import java.nio.file.Path;

/**
 * A results file that cannot be believed or read: not JSON, a schema version this RobustGate does
 * not know, a required field missing, or a figure outside its range. The message starts with the
 * file and names the field, e.g. {@code evaluate.json: results[0].adversarialDice.mean is 7.5, but a
 * Dice lies in [0,1]}, so {@code check} can never pass on numbers that cannot be true.
 */
public class ResultsFileException extends InputFileException {

    public ResultsFileException(Path file, String problem) {
        super(file, problem, null);
    }

    public ResultsFileException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }
}
