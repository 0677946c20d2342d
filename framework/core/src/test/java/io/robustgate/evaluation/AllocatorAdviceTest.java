package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocatorAdviceTest {

    @Test
    void linuxWithoutTheArenaSettingIsAdvisedWithTheRecommendedValue() {
        String advice = AllocatorAdvice.advice("Linux", null).orElseThrow();
        assertTrue(advice.contains("export GLIBC_TUNABLES=" + AllocatorAdvice.RECOMMENDED_TUNABLES), advice);
        assertTrue(AllocatorAdvice.advice("Linux", "glibc.malloc.tcache_count=0").isPresent(), "other tunables only");
    }

    @Test
    void noAdviceWhereTheArenaIsSetOrGlibcIsAbsent() {
        assertFalse(AllocatorAdvice.advice("Linux", AllocatorAdvice.RECOMMENDED_TUNABLES).isPresent());
        assertFalse(AllocatorAdvice.advice("Linux", "glibc.malloc.arena_max=2").isPresent());
        assertFalse(AllocatorAdvice.advice("Mac OS X", null).isPresent());
        assertFalse(AllocatorAdvice.advice("Windows 11", null).isPresent());
    }

    @Test
    void theAdviceNamesTheCommandThatStartsTheJvm() {
        assertTrue(AllocatorAdvice.advice("Linux", null, "java -jar").orElseThrow().contains("Before java -jar: export"));
        assertTrue(AllocatorAdvice.advice("Linux", null).orElseThrow().contains("Before mvn: export"));
    }
}
