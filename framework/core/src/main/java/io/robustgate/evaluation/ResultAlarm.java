package io.robustgate.evaluation;

import io.robustgate.attack.MaskingAlarm;
import java.util.List;

/**
 * A gradient-masking alarm of one result: what was seen, on how many samples, a few of them by
 * name, and a sentence for people.
 */
public record ResultAlarm(MaskingAlarm kind, int samples, List<String> examples, String message) {

    public ResultAlarm {
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
