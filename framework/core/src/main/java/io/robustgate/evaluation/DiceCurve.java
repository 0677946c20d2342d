package io.robustgate.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Mean Dice against the budget over a sweep of one attack, from the clean Dice at {@code eps = 0}
 * to the result's own budget, and the area under it normalised to [0,1]: the trapezoid rule over
 * eps in {@code [0, maxEps]}, divided by {@code maxEps}. 1 means no budget up to {@code maxEps}
 * hurt; the clean Dice is the most a model can score.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiceCurve(List<Point> points, double area) {

    /** One budget: mean attacked Dice (the clean Dice at eps 0) with its bootstrap 95% interval. */
    public record Point(float eps, double dice, double ciLow, double ciHigh) {}

    public DiceCurve {
        points = List.copyOf(points);
    }

    /** The curve through the clean figures at 0 and {@code sweep} (by increasing eps, the last at maxEps). */
    static DiceCurve of(RobustnessResult clean, List<RobustnessResult> sweep) {
        List<Point> points = new ArrayList<>();
        points.add(new Point(0f, clean.cleanDice().mean(), clean.cleanDice().ciLow(), clean.cleanDice().ciHigh()));
        for (RobustnessResult result : sweep) {
            points.add(new Point(result.attack().eps(), result.adversarialDice().mean(), result.adversarialDice().ciLow(),
                    result.adversarialDice().ciHigh()));
        }
        return new DiceCurve(points, area(points));
    }

    /** Trapezoids over the points' eps, divided by the largest eps. */
    public static double area(List<Point> points) {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            sum += (b.eps() - a.eps()) * (a.dice() + b.dice()) / 2;
        }
        float maxEps = points.get(points.size() - 1).eps();
        return maxEps > 0 ? sum / maxEps : Double.NaN;
    }

    /** The budgets of a curve of {@code count} points up to {@code maxEps}, the last exactly maxEps. */
    static List<Float> budgets(float maxEps, int count) {
        List<Float> budgets = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            budgets.add(k == count ? maxEps : maxEps * k / count);
        }
        return budgets;
    }
}
