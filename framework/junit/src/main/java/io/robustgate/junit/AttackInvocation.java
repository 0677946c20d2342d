package io.robustgate.junit;

import io.robustgate.attack.AttackSpec;
import io.robustgate.DisplayPath;
import io.robustgate.report.ResultsTable;
import io.robustgate.evaluation.RobustnessEvaluator;
import io.robustgate.evaluation.RobustnessResult;
import io.robustgate.gate.Limit;
import io.robustgate.evaluation.sequential.SequentialVerdict;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.MultipleFailuresError;
import org.opentest4j.TestAbortedException;

/**
 * Runs one (attack, budget) of a test method: before the method body it attacks the held-out set
 * (sharing the model and clean pass with every other invocation), writes the results JSON and the
 * report; it hands the result to a {@code RobustnessResult} parameter; after the body it checks
 * the gate and fails with every violation and any failure of the body together.
 */
final class AttackInvocation implements BeforeTestExecutionCallback, ParameterResolver, InvocationInterceptor {

    private final AttackCase attackCase;
    private final int index;
    private final MethodResults methodResults;
    private final TestReport report;
    private RobustnessResult result;

    AttackInvocation(AttackCase attackCase, int index, MethodResults methodResults, TestReport report) {
        this.attackCase = attackCase;
        this.index = index;
        this.methodResults = methodResults;
        this.report = report;
    }

    String displayName() {
        return InvocationName.format(attackCase, index, gateText(attackCase.gate().limits()));
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        result(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RobustnessResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return result(context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        Throwable bodyFailure = null;
        try {
            invocation.proceed();
        } catch (TestAbortedException aborted) {
            throw aborted;
        } catch (Throwable failure) {
            bodyFailure = failure;
        }
        RobustnessResult checked = result(context);
        Throwable gateFailure = null;
        try {
            report.step(gateStepName(), () -> GateAssertion.assertPassed(attackCase.gate(), checked));
        } catch (AssertionError failure) {
            gateFailure = failure;
        }
        if (gateFailure == null && bodyFailure == null) {
            return;
        }
        if (bodyFailure == null) {
            throw gateFailure;
        }
        if (gateFailure == null) {
            throw bodyFailure;
        }
        List<Throwable> all = new ArrayList<>();
        if (gateFailure instanceof MultipleFailuresError several) {
            all.addAll(several.getFailures());
        } else {
            all.add(gateFailure);
        }
        all.add(bodyFailure);
        throw new MultipleFailuresError(displayName() + " failed its gate and the test's own assertions", all);
    }

    private synchronized RobustnessResult result(ExtensionContext context) {
        if (result == null) {
            result = evaluate(context);
        }
        return result;
    }

    private RobustnessResult evaluate(ExtensionContext context) {
        AttackSpec spec = attackCase.attack();
        EvaluationTarget target = EvaluationTarget.resolve(context, attackCase);
        recordParameters(spec, target);
        RobustnessEvaluator evaluator = report.step("load model and held-out set",
                () -> SharedModels.evaluator(context, target, attackCase.sequential() != null));
        RobustnessResult attacked;
        // One evaluator serves every test of the run and is not thread-safe.
        synchronized (evaluator) {
            report.step("clean pass (shared by all attacks on this set)", () -> evaluator.cleanPass());
            attacked = report.step("attack: " + spec.displayName(),
                    () -> evaluator.evaluate(spec, attackCase.analyses(), attackCase.sequential()));
        }
        System.out.println("[robustgate] " + ResultsTable.headline(attacked));
        attacked.sequentialRecord().ifPresent(record -> {
            String verdict = SequentialVerdict.headline(record);
            System.out.println("[robustgate]   " + verdict);
            report.parameter("sequential", verdict);
        });
        String analyses = ResultsTable.analysesHeadline(attacked);
        if (!analyses.isEmpty()) {
            System.out.println("[robustgate]   " + analyses);
            report.parameter("analyses", analyses);
        }
        report.parameter("clean Dice", String.format(Locale.ROOT, "%.3f", attacked.cleanDice().mean()));
        report.parameter("attacked Dice", String.format(Locale.ROOT, "%.3f (95%% CI %.3f–%.3f)",
                attacked.adversarialDice().mean(), attacked.adversarialDice().ciLow(), attacked.adversarialDice().ciHigh()));
        report.parameter("attacked IoU", String.format(Locale.ROOT, "%.3f", attacked.adversarialIou().mean()));
        report.parameter("alarms", ResultsTable.alarmCell(attacked));
        for (var alarm : attacked.alarms()) {
            System.out.println("[robustgate] gradient masking suspected: " + attacked.displayName() + ": " + alarm.message());
        }
        InvocationResultsFile.write(context, attacked, attackCase.gate(), index, evaluator);
        methodResults.add(attacked);
        ResultAttachments.attachResult(report, attacked);
        if (index == methodResults.invocations() && methodResults.invocations() > 1) {
            ResultAttachments.attachMethodSummary(report, methodResults.results());
        }
        return attacked;
    }

    private void recordParameters(AttackSpec spec, EvaluationTarget target) {
        spec.parameters().forEach(report::parameter);
        report.parameter("model", DisplayPath.of(target.modelDirectory()));
        report.parameter("data set", DisplayPath.of(target.dataDirectory()) + " (split " + target.split() + ", prompt "
                + target.prompt() + (target.sampleLimit() > 0 ? ", first " + target.sampleLimit() + " samples" : "") + ")");
        report.parameter("device", target.device());
        target.overrides().forEach(report::parameter); // e.g. robustgate.sample.limit.override = 8
    }

    private String gateStepName() {
        List<Limit> limits = attackCase.gate().limits();
        if (limits.isEmpty()) {
            return "gate: no limits set (measure only)";
        }
        return "gate: " + gateText(limits);
    }

    /** E.g. {@code minDice 0.3, maxDiceDrop 0.4}; {@code no limits} when none. */
    static String gateText(List<Limit> limits) {
        return limits.isEmpty() ? "no limits" : limits.stream().map(AttackInvocation::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Limit limit) {
        StringBuilder text = new StringBuilder();
        if (limit.minimum() != null) {
            text.append(limit.metric().limitName(true)).append(' ').append(limit.minimum());
        }
        if (limit.maximum() != null) {
            text.append(text.length() > 0 ? ", " : "").append(limit.metric().limitName(false)).append(' ')
                    .append(limit.maximum());
        }
        return text.toString();
    }
}
