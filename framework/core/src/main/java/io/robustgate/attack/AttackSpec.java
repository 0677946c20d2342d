package io.robustgate.attack;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One attack configuration: a registered attack's name, a budget {@code eps} (a radius of the
 * attack's threat model, in [0,1] pixel units unless the {@code space} option says otherwise) and
 * the value of every option the attack declares, defaults filled in. Specs are built through the
 * {@link AttackRegistry}, which validates them; the label and display name are fixed then, so a
 * spec read back from a results file displays the same even where its attack is not registered.
 *
 * @param name the attack's registered name, e.g. {@code APGD}
 * @param options every option of the attack, in declaration order, in canonical types
 * @param label the attack without its budget, e.g. {@code PGD steps=40}
 * @param threatModel {@code Linf} or {@code L2}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttackSpec(String name, float eps, Map<String, Object> options, String label, String threatModel) {

    public AttackSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an attack spec needs the attack's name");
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        label = label == null ? name : label;
        threatModel = threatModel == null ? ThreatModel.LINF.name() : threatModel;
    }

    /** The registered attack {@code attack} at budget {@code eps} with {@code options} (by name; the rest default). */
    public static AttackSpec of(String attack, float eps, Map<String, ?> options) {
        return of(AttackRegistry.current().require(attack), eps, options);
    }

    /**
     * Validates {@code given} against the attack's declared options (names case-insensitive) and fills
     * in defaults.
     *
     * @throws IllegalArgumentException naming the attack and the offending option or budget
     */
    public static AttackSpec of(AttackDefinition attack, float eps, Map<String, ?> given) {
        Map<String, Object> pending = new LinkedHashMap<>();
        given.forEach((key, value) -> pending.put(key.toLowerCase(Locale.ROOT), value));
        Map<String, Object> resolved = new LinkedHashMap<>();
        StringBuilder suffix = new StringBuilder();
        try {
            for (AttackOption option : attack.options()) {
                String key = option.name().toLowerCase(Locale.ROOT);
                Object value = pending.containsKey(key) ? option.canonical(pending.remove(key)) : option.defaultValue();
                resolved.put(option.name(), value);
                if (option.isShownInName()) {
                    suffix.append(' ').append(option.name()).append('=').append(value);
                }
            }
            suffix.append(CommonOptions.eotInName(resolved));
            if (!pending.isEmpty()) {
                throw new IllegalArgumentException("it has no option " + String.join(", ", pending.keySet())
                        + ": its options are " + String.join(", ", attack.options().stream().map(AttackOption::name).toList()));
            }
            BudgetSpace space = BudgetSpace.valueOf(String.valueOf(resolved.getOrDefault("space", BudgetSpace.PIXEL.name())));
            attack.threatModel().validate(eps, space);
            if (space == BudgetSpace.NORMALIZED) {
                suffix.append(" (normalised)");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(attack.name() + ": " + e.getMessage(), e);
        }
        return new AttackSpec(attack.name(), eps, resolved, attack.name() + suffix, attack.threatModel().name());
    }

    public static AttackSpec fgsm(float eps) {
        return of(AttackNames.FGSM, eps, Map.of());
    }

    public static AttackSpec pgd(float eps) {
        return of(AttackNames.PGD, eps, Map.of());
    }

    /** The registry's definition of this attack, if it is registered here. */
    @JsonIgnore
    public Optional<AttackDefinition> definition() {
        return AttackRegistry.current().find(name);
    }

    public AttackSpec withEps(float value) {
        return definition().map(d -> of(d, value, options)).orElseGet(() -> new AttackSpec(name, value, options, label, threatModel));
    }

    /** The same attack with one option changed. */
    public AttackSpec with(String option, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(options);
        changed.keySet().removeIf(key -> key.equalsIgnoreCase(option));
        changed.put(option, value);
        return of(name, eps, changed);
    }

    public AttackSpec withSteps(int value) {
        return with("steps", value);
    }

    public AttackSpec withAlpha(float value) {
        return with("alpha", value);
    }

    public AttackSpec withRandomStart(boolean value) {
        return with("randomStart", value);
    }

    public AttackSpec withSeed(long value) {
        return with("seed", value);
    }

    public AttackSpec withLoss(AttackLoss value) {
        return with("loss", value.name());
    }

    public AttackSpec withSpace(BudgetSpace value) {
        return with("space", value.name());
    }

    public AttackSpec withKeepBest(boolean value) {
        return with("keepBest", value);
    }

    /** An option's value; {@code fallback} when the attack has no such option. */
    public Object option(String option, Object fallback) {
        return options.getOrDefault(option, fallback);
    }

    public int intOption(String option) {
        return ((Number) required(option)).intValue();
    }

    public float floatOption(String option) {
        return ((Number) required(option)).floatValue();
    }

    public long longOption(String option) {
        return ((Number) required(option)).longValue();
    }

    public boolean booleanOption(String option) {
        return (Boolean) required(option);
    }

    public String textOption(String option) {
        return String.valueOf(required(option));
    }

    /** Iterations of the attack: its {@code steps} option, 1 for single-step attacks. */
    @JsonIgnore
    public int steps() {
        return ((Number) option("steps", 1)).intValue();
    }

    @JsonIgnore
    public long seed() {
        return ((Number) option("seed", CommonOptions.DEFAULT_SEED)).longValue();
    }

    @JsonIgnore
    public BudgetSpace space() {
        return BudgetSpace.valueOf(String.valueOf(option("space", BudgetSpace.PIXEL.name())));
    }

    /** The loss option; BCE for attacks without one. */
    @JsonIgnore
    public AttackLoss loss() {
        return AttackLosses.named(String.valueOf(option("loss", AttackLoss.BCE.name())));
    }

    /** The step size of a PGD-style attack: {@code alpha}, or {@code 2.5·eps/steps} when it is 0. */
    @JsonIgnore
    public float effectiveAlpha() {
        float alpha = ((Number) option("alpha", 0f)).floatValue();
        return alpha > 0 ? alpha : 2.5f * eps / steps();
    }

    /** E.g. {@code PGD eps=2/255 steps=40} or {@code FGSM eps=0.01}: the budget right after the name; none without a budget. */
    @JsonProperty("displayName")
    public String displayName() {
        if (NoBudget.named(threatModel)) {
            return label;
        }
        return name + " eps=" + EpsFormat.format(eps) + label.substring(Math.min(name.length(), label.length()));
    }

    /** What a report lists about the attack, in order: its name, budget, threat model and every option. */
    @JsonIgnore
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("attack", name);
        if (!NoBudget.named(threatModel)) {
            parameters.put("eps", EpsFormat.format(eps)); // a corruption has none to list
        }
        parameters.put("threat model", threatModel);
        Map<String, AttackOption> declared = new LinkedHashMap<>();
        definition().ifPresent(d -> d.options().forEach(o -> declared.put(o.name(), o)));
        options.forEach((key, value) -> parameters.put(key,
                declared.containsKey(key) ? declared.get(key).display(value) : String.valueOf(value)));
        return parameters;
    }

    private Object required(String option) {
        Object value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException(name + " has no option '" + option + "'");
        }
        return value;
    }

    /**
     * Reads both results formats: version 2 ({@code name}, {@code options}) and version 1, where
     * FGSM and PGD settings were fields of their own ({@code type}, {@code steps}, {@code alpha}, …).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static AttackSpec fromJson(Map<String, Object> json) {
        float eps = ((Number) json.getOrDefault("eps", 0f)).floatValue();
        if (json.containsKey("name")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> options = (Map<String, Object>) json.getOrDefault("options", Map.of());
            String name = String.valueOf(json.get("name"));
            String label = (String) json.get("label");
            String threat = (String) json.get("threatModel");
            return AttackRegistry.current().find(name).flatMap(d -> validated(d, eps, options))
                    .orElseGet(() -> new AttackSpec(name, eps, options, label, threat));
        }
        String type = String.valueOf(json.get("type"));
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> fields = AttackNames.PGD.equals(type)
                ? List.of("steps", "alpha", "randomStart", "seed", "loss", "space", "keepBest")
                : List.of("loss", "space");
        for (String field : fields) {
            if (json.containsKey(field)) {
                options.put(field, json.get(field));
            }
        }
        return of(type, eps, options);
    }

    private static Optional<AttackSpec> validated(AttackDefinition definition, float eps, Map<String, Object> options) {
        try {
            return Optional.of(of(definition, eps, options));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
