package io.robustgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TorchThreadsTest {

    @Test
    void moreThreadsThanProcessorsAreLoweredSayingWhatIsUsed() {
        TorchThreads choice = TorchThreads.choose(999, 4, "torchThreads");
        assertEquals(4, choice.used());
        assertEquals("torchThreads 999 is more than the 4 processor(s) this JVM may use (Runtime.availableProcessors()):"
                + " using 4, since threads beyond the cores only wait for each other and slow every attack down",
                choice.warning().orElseThrow());
    }

    @Test
    void aCountTheMachineHasIsUsedSilently() {
        assertEquals(new TorchThreads(4, Optional.empty()), TorchThreads.choose(4, 4, "torchThreads"));
        assertEquals(new TorchThreads(null, Optional.empty()), TorchThreads.choose(null, 4, "torchThreads"));
    }

    @Test
    void lessThanOneIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TorchThreads.choose(0, 4, "torchThreads"))
                .getMessage().startsWith("must be at least 1"));
    }
}
