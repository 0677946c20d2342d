package io.robustgate.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.attack.AttackSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration checks that run before a model is loaded; the evaluation itself is covered by the ITs. */
class EvaluateMojoTest {

    @TempDir
    Path project;

    private final EvaluateMojo mojo = new EvaluateMojo();

    @BeforeEach
    void validConfiguration() throws Exception {
        mojo.model = Files.createDirectories(project.resolve("models/hc18")).toFile();
        mojo.dataset = Files.createDirectories(project.resolve("data/hc18")).toFile();
        mojo.split = "test";
        mojo.prompt = "p1";
        mojo.batchSize = 16;
        mojo.sampleLimit = 0;
        mojo.device = "cpu";
        mojo.gateOn = "MEAN";
        mojo.resultsFile = project.resolve("target/robustgate/evaluate.json").toFile();
        AttackConfiguration fgsm = new AttackConfiguration();
        fgsm.setType("FGSM");
        fgsm.setEps("1/255,2/255,4/255");
        AttackConfiguration pgd = new AttackConfiguration();
        pgd.setType("PGD");
        pgd.setEps("2/255");
        pgd.setSteps("40");
        mojo.attacks = List.of(fgsm, pgd);
    }

    @Test
    void readmeExampleGivesFourAttacksInOrder() throws Exception {
        List<AttackSpec> specs = mojo.attackSpecs();

        assertEquals(List.of("FGSM eps=1/255", "FGSM eps=2/255", "FGSM eps=4/255", "PGD eps=2/255 steps=40"),
                specs.stream().map(AttackSpec::displayName).toList());
        assertDoesNotThrow(mojo::checkInputs);
    }

    @Test
    void secondAttackWithBadBudgetIsNamedByIndex() {
        mojo.attacks.get(1).setEps("300/255");

        assertEquals("attacks[1].eps: PGD: eps must lie in [0,1] but is 1.1764706",
                assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    }

    @Test
    void noAttacksIsAConfigurationError() {
        mojo.attacks = List.of();

        assertTrue(assertThrows(MojoExecutionException.class, mojo::attackSpecs).getMessage()
                .startsWith("attacks: declare at least one <attack>"));
    }

    @Test
    void missingModelOrDataDirectoryIsNamed() {
        File missing = project.resolve("models/none").toFile();
        mojo.model = missing;
        assertEquals("model: model bundle directory " + missing + " does not exist",
                assertThrows(MojoExecutionException.class, mojo::execute).getMessage());

        mojo.model = project.resolve("models/hc18").toFile();
        mojo.dataset = project.resolve("data/none").toFile();
        assertTrue(assertThrows(MojoExecutionException.class, mojo::execute).getMessage()
                .startsWith("dataset: held-out set directory"));
        assertFalse(mojo.resultsFile.exists());
    }

    @Test
    void runSettingsAreChecked() {
        mojo.batchSize = 0;
        assertEquals("batchSize: must be at least 1 but is 0",
                assertThrows(MojoExecutionException.class, mojo::checkInputs).getMessage());

        mojo.batchSize = 16;
        mojo.sampleLimit = -1;
        assertTrue(assertThrows(MojoExecutionException.class, mojo::checkInputs).getMessage().startsWith("sampleLimit:"));

        mojo.sampleLimit = 0;
        mojo.split = " ";
        assertTrue(assertThrows(MojoExecutionException.class, mojo::checkInputs).getMessage().startsWith("split:"));
    }

    @Test
    void unknownDeviceIsNamed() {
        mojo.device = "tpu";

        assertEquals("device: robustgate.device=tpu is not a device: use auto, cpu, gpu or gpu:N",
                assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    }

    @Test
    void torchThreadsMustBePositive() {
        mojo.torchThreads = 0;

        assertEquals("torchThreads: must be at least 1 but is 0",
                assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    }

    @Test
    void skipLoadsNothing() {
        mojo.skip = true;
        mojo.model = project.resolve("models/none").toFile();

        assertDoesNotThrow(mojo::execute);
        assertFalse(mojo.resultsFile.exists());
    }

    @Test
    void theSameAttackTwiceIsRefusedNamingBothEntries() {
        AttackConfiguration again = new AttackConfiguration();
        again.setType("PGD");
        again.setEps("2/255");
        mojo.attacks = List.of(mojo.attacks.get(0), mojo.attacks.get(1), again);

        assertEquals("attacks[2] repeats attacks[1]: both are PGD eps=2/255 steps=40, which would run twice and write two"
                + " identical results; remove one of them", assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    }

    @Test
    void aModelPathThatIsAFileIsCalledAFile() throws Exception {
        Path moduleFile = Files.writeString(project.resolve("models/hc18/model.pt"), "not a bundle directory");
        mojo.model = moduleFile.toFile();

        assertEquals("model: model bundle directory " + moduleFile + " is a file, not a directory: name the folder that"
                + " holds robustgate-model.json and the TorchScript file",
                assertThrows(MojoExecutionException.class, mojo::checkInputs).getMessage());
    }

    @Test
    void aDatasetPathThatIsAFileIsCalledAFile() throws Exception {
        Path annotations = Files.writeString(project.resolve("data/hc18/test.json"), "[]");
        mojo.dataset = annotations.toFile();

        assertTrue(assertThrows(MojoExecutionException.class, mojo::checkInputs).getMessage()
                .startsWith("dataset: held-out set directory " + annotations + " is a file, not a directory"));
    }
}
