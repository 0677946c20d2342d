package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackLoss;
import io.robustgate.attack.AttackSpec;
import io.robustgate.attack.AttackNames;
import io.robustgate.attack.BudgetSpace;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

class AttackConfigurationTest {

    private static AttackConfiguration attack(String type, String eps) {
        AttackConfiguration attack = new AttackConfiguration();
        attack.setType(type);
        attack.setEps(eps);
        return attack;
    }

    @Test
    void oneSpecPerBudgetWrittenAsFractionsOrDecimals() throws Exception {
        List<AttackSpec> specs = attack("FGSM", "1/255, 2/255,0.0156862745,8e-3").toSpecs("attacks[0]");

        assertEquals(4, specs.size());
        assertEquals(1 / 255f, specs.get(0).eps(), 1e-9);
        assertEquals(2 / 255f, specs.get(1).eps(), 1e-9);
        assertEquals(4 / 255f, specs.get(2).eps(), 1e-7);
        assertEquals(0.008f, specs.get(3).eps(), 1e-9);
        assertTrue(specs.stream().allMatch(s -> s.name().equals(AttackNames.FGSM)));
    }

    @Test
    void pgdGetsTheLibraryDefaultsUnlessOverridden() throws Exception {
        AttackSpec defaults = attack("pgd", "2/255").toSpecs("attacks[0]").get(0);
        assertEquals(AttackSpec.pgd(2 / 255f), defaults);

        AttackConfiguration tuned = attack("PGD", "2/255");
        tuned.setSteps("10");
        tuned.setAlpha("1/255");
        tuned.setRandomStart("false");
        tuned.setSeed("7");
        tuned.setLoss("dice-bce");
        tuned.setSpace("normalized");
        tuned.setKeepBest("true");
        AttackSpec spec = tuned.toSpecs("attacks[0]").get(0);

        assertEquals(10, spec.steps());
        assertEquals(1 / 255f, spec.floatOption("alpha"), 1e-9);
        assertFalse(spec.booleanOption("randomStart"));
        assertEquals(7L, spec.seed());
        assertEquals(AttackLoss.DICE_BCE, spec.loss());
        assertEquals(BudgetSpace.NORMALIZED, spec.space());
        assertTrue(spec.booleanOption("keepBest"));
        assertEquals("PGD eps=2/255 steps=10 (normalised)", spec.displayName());
    }

    @Test
    void anyRegisteredAttackTakesItsOptionsByName() throws Exception {
        AttackConfiguration apgd = attack("apgd", "2/255");
        apgd.setOptions(java.util.Map.of("steps", "50", "loss", "masked_bce"));
        AttackSpec spec = apgd.toSpecs("attacks[0]").get(0);
        assertEquals(AttackSpec.of(AttackNames.APGD, 2 / 255f, java.util.Map.of("steps", 50, "loss", "MASKED_BCE")), spec);
        assertEquals("APGD eps=2/255 steps=50 loss=MASKED_BCE", spec.displayName());

        AttackConfiguration l2 = attack("PGD_L2", "0.5, 2");
        assertEquals(List.of(0.5f, 2f), l2.toSpecs("attacks[0]").stream().map(AttackSpec::eps).toList(),
                "an L2 radius may exceed 1");

        AttackConfiguration both = attack("APGD", "2/255");
        both.setSteps("10");
        both.setOptions(java.util.Map.of("steps", "20"));
        assertEquals("attacks[0]: steps is given twice: as attacks[0].steps and as attacks[0].options.steps",
                assertThrows(MojoExecutionException.class, () -> both.toSpecs("attacks[0]")).getMessage());

        AttackConfiguration unknown = attack("APGD", "2/255");
        unknown.setOptions(java.util.Map.of("momentum", "0.9"));
        assertEquals("attacks[0]: APGD: it has no option momentum: its options are steps, loss, randomStart, seed, space, eot",
                assertThrows(MojoExecutionException.class, () -> unknown.toSpecs("attacks[0]")).getMessage());
    }

    @Test
    void budgetOutsideTheUnitIntervalNamesTheParameter() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> attack("PGD", "300/255").toSpecs("attacks[1]"));
        assertEquals("attacks[1].eps: PGD: eps must lie in [0,1] but is 1.1764706", e.getMessage());

        MojoExecutionException zero = assertThrows(MojoExecutionException.class,
                () -> attack("FGSM", "1/255,0").toSpecs("attacks[0]"));
        assertEquals("attacks[0].eps: 0 is not a positive budget", zero.getMessage());
    }

    @Test
    void unreadableBudgetsSayHowToWriteOne() {
        MojoExecutionException garbage = assertThrows(MojoExecutionException.class,
                () -> attack("FGSM", "two/255").toSpecs("attacks[0]"));
        assertEquals("attacks[0].eps: 'two/255' is not a budget: write e.g. 2/255 or 0.008", garbage.getMessage());

        MojoExecutionException missing = assertThrows(MojoExecutionException.class,
                () -> attack("FGSM", null).toSpecs("attacks[2]"));
        assertTrue(missing.getMessage().startsWith("attacks[2].eps is missing"), missing.getMessage());

        MojoExecutionException empty = assertThrows(MojoExecutionException.class,
                () -> attack("FGSM", "1/255,,2/255").toSpecs("attacks[0]"));
        assertTrue(empty.getMessage().contains("empty entry"), empty.getMessage());
    }

    @Test
    void unknownAttackListsTheKnownOnes() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> attack("CW", "2/255").toSpecs("attacks[0]"));
        assertEquals("attacks[0].type: unknown attack 'CW': registered attacks are FGSM, PGD, SEGPGD, COSPGD, APGD, "
                + "PGD_L2, ENSEMBLE, SQUARE, UNIVERSAL, CORRUPTION, VANISH, HALLUCINATE", e.getMessage());

        MojoExecutionException missing = assertThrows(MojoExecutionException.class,
                () -> attack(null, "2/255").toSpecs("attacks[3]"));
        assertEquals("attacks[3].type is missing: name an attack, e.g. PGD", missing.getMessage());
    }

    @Test
    void stepsMustSuitTheAttack() {
        AttackConfiguration fgsm = attack("FGSM", "2/255");
        fgsm.setSteps("10");
        assertEquals("attacks[0]: FGSM: it has no option steps: its options are loss, space",
                assertThrows(MojoExecutionException.class, () -> fgsm.toSpecs("attacks[0]")).getMessage());

        AttackConfiguration pgd = attack("PGD", "2/255");
        pgd.setSteps("0");
        assertEquals("attacks[0]: PGD: option 'steps' must be at least 1 but is 0",
                assertThrows(MojoExecutionException.class, () -> pgd.toSpecs("attacks[0]")).getMessage());
    }

    @Test
    void unknownLossAndSpaceNameTheirParameters() {
        AttackConfiguration loss = attack("PGD", "2/255");
        loss.setLoss("hinge");
        assertEquals("attacks[0]: PGD: option 'loss': 'hinge' is unknown: use one of BCE, DICE_BCE, MASKED_BCE, "
                + "SOFT_DICE, SEGPGD, COSPGD",
                assertThrows(MojoExecutionException.class, () -> loss.toSpecs("attacks[0]")).getMessage());

        AttackConfiguration space = attack("PGD", "2/255");
        space.setSpace("lab");
        assertEquals("attacks[0]: PGD: option 'space': 'lab' is unknown: use one of PIXEL, NORMALIZED",
                assertThrows(MojoExecutionException.class, () -> space.toSpecs("attacks[0]")).getMessage());

        AttackConfiguration alpha = attack("PGD", "2/255");
        alpha.setAlpha("-1/255");
        assertEquals("attacks[0]: PGD: option 'alpha' must lie in [0.0, 3.4028235E38] but is -0.003921569",
                assertThrows(MojoExecutionException.class, () -> alpha.toSpecs("attacks[0]")).getMessage());
    }

    @Test
    void analysesAreElementsOfTheAttack() throws Exception {
        AttackConfiguration pgd = attack("PGD", "4/255,8/255");
        pgd.setCriticalFraction("0.5");
        pgd.setCriticalStep("1/255");
        pgd.setCurvePoints("4");
        pgd.setPromptTransfer("true");
        io.robustgate.evaluation.Analyses analyses = pgd.toAnalyses("attacks[0]");
        assertEquals(io.robustgate.evaluation.CriticalThreshold.fractionOfClean(0.5), analyses.critical());
        assertEquals(1 / 255f, analyses.criticalStep(), 1e-9f);
        assertEquals(4, analyses.curvePoints());
        assertTrue(analyses.promptTransfer());
        assertEquals(io.robustgate.evaluation.Analyses.NONE, attack("PGD", "2/255").toAnalyses("attacks[0]"));

        AttackConfiguration both = attack("PGD", "2/255");
        both.setCriticalDice("0.5");
        both.setCriticalFraction("0.5");
        assertTrue(assertThrows(MojoExecutionException.class, () -> both.toAnalyses("attacks[2]")).getMessage()
                .startsWith("attacks[2]: give criticalDice"));
        AttackConfiguration outside = attack("PGD", "2/255");
        outside.setCriticalDice("1.5");
        assertTrue(assertThrows(MojoExecutionException.class, () -> outside.toAnalyses("attacks[1]")).getMessage()
                .contains("attacks[1]: critical Dice threshold 1.5 must lie in (0,1]"));
        AttackConfiguration onePoint = attack("PGD", "2/255");
        onePoint.setCurvePoints("1");
        assertTrue(assertThrows(MojoExecutionException.class, () -> onePoint.toAnalyses("attacks[0]")).getMessage()
                .contains("curvePoints must be 0 (no curve) or at least 2"));
    }
}
