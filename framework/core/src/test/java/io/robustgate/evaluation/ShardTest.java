package io.robustgate.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.robustgate.data.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shards are read as people write them and cut the set by sample identity into whole blocks. */
class ShardTest {

    private static List<Sample> samples(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Sample("img" + i + ".png", "mask" + i + ".png", "p1", "head",
                Path.of("img" + i + ".png"), Path.of("mask" + i + ".png"))).toList();
    }

    @Test
    void explicitShardWinsOverGitLabsVariablesWhichWinOverTheWholeSet() {
        Map<String, String> gitlab = Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "5");
        assertEquals(new Shard(3, 4), Shard.resolve("3/4", gitlab));
        assertEquals(new Shard(2, 5), Shard.resolve(null, gitlab));
        assertEquals(Shard.WHOLE, Shard.resolve(" ", Map.of()));
    }

    @Test
    void badShardsAreRefusedSayingHowToWriteOne() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Shard.resolve("0/3", Map.of()));
        assertEquals("robustgate.shard=0/3: shard 0/3 does not exist: write K/N with 1 <= K <= N, e.g. 2/3",
                zero.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> Shard.resolve("two", Map.of()));
        assertEquals("robustgate.shard=two is not a shard: write K/N (1-based), e.g. 2/3", text.getMessage());
        IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
                () -> Shard.resolve(null, Map.of("CI_NODE_INDEX", "4", "CI_NODE_TOTAL", "3")));
        assertTrue(env.getMessage().startsWith("CI_NODE_INDEX/CI_NODE_TOTAL=4/3: "), env.getMessage());
    }

    @Test
    void blocksDependOnIdentityNotOnTheOrderOfTheAnnotationFile() {
        List<Sample> inOrder = samples(11);
        List<Sample> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertEquals(ids(inOrder, SampleBlocks.of(inOrder, 4)), ids(shuffled, SampleBlocks.of(shuffled, 4)));
        assertEquals(List.of(4, 4, 3), SampleBlocks.of(inOrder, 4).stream().map(b -> b.length).toList());
    }

    @Test
    void everyLayoutCoversTheSetOnceWithWholeBlocks() {
        List<Sample> all = samples(11);
        Set<Set<String>> blocks = new HashSet<>(ids(all, SampleBlocks.of(all, 2)));
        for (int total = 1; total <= 6; total++) {
            List<String> covered = new ArrayList<>();
            for (int k = 1; k <= total; k++) {
                List<Sample> shard = SampleBlocks.shardOf(all, 2, new Shard(k, total));
                assertTrue(all.stream().filter(shard::contains).toList().equals(shard), "kept in the set's order");
                // Cut again by the evaluator, a shard's samples give exactly its blocks of the whole set.
                assertTrue(blocks.containsAll(ids(shard, SampleBlocks.of(shard, 2))), total + " shards, shard " + k);
                shard.forEach(s -> covered.add(s.id()));
            }
            assertEquals(all.stream().map(Sample::id).sorted().toList(), covered.stream().sorted().toList());
        }
    }

    private static List<Set<String>> ids(List<Sample> samples, List<int[]> blocks) {
        return blocks.stream().map(b -> {
            Set<String> ids = new HashSet<>();
            Arrays.stream(b).forEach(i -> ids.add(samples.get(i).id()));
            return ids;
        }).toList();
    }
}
