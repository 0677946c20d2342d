// Merged shards are exactly the unsharded run: per-sample figures equal to the last digit (JSON
// numbers read as BigDecimal), aggregates of the merged report equal to the unsharded ones.
import groovy.json.JsonSlurper

def slurper = new JsonSlurper()
def read = { String path -> slurper.parse(new File(basedir, path)) }
def log = new File(basedir, 'build.log').text

def whole = read('runs/whole/evaluate.json')
assert whole.shard == null
assert whole.provenance.modelFile == 'model.pt' && whole.provenance.modelSha256 ==~ /[0-9a-f]{64}/
assert whole.provenance.datasetSha256 ==~ /[0-9a-f]{64}/ && whole.provenance.sampleCount == 8
assert whole.results.every { it.samples.size() == 8 && it.timings.batchSize == 2 }

def merge = { String layout, int total ->
    def shards = (1..total).collect { read("runs/${layout}/shard-${it}/evaluate.json") }
    shards.eachWithIndex { s, i ->
        assert s.shard.index == i + 1 && s.shard.total == total && s.shard.blockSize == 2
        assert s.provenance == whole.provenance
        assert s.results.every { it.samples.size() < 8 }
    }
    def order = shards[0].shard.setSampleIds
    (0..<whole.results.size()).collect { r ->
        def bySample = shards.collectMany { it.results[r].samples }.collectEntries { [(it.sampleId): it] }
        assert bySample.size() == 8
        order.collect { bySample[it] }
    }
}
['three': 3, 'two': 2].each { layout, total ->
    def merged = merge(layout, total)
    whole.results.eachWithIndex { result, r ->
        assert merged[r] == result.samples : "${layout} shards, ${result.attack.displayName}"
    }
}

// check merged each layout and passed; report's summary has the unsharded aggregates.
assert log.contains('Checking 2 robustness result(s) from 1 file(s) under')
def summary = read('reports/three/robustness-summary.json')
assert summary.rows.size() == 2
summary.rows.each { row ->
    def result = whole.results.find { it.attack.label == row.attack }
    assert row.samples == 8
    ['cleanDice', 'adversarialDice', 'diceDrop', 'cleanIou', 'adversarialIou', 'iouDrop'].each {
        assert row[it] == result[it].mean : "${row.attack} ${it}"
    }
}

// The merge job with one shard of two fails and says which one is missing.
assert log =~ /shard 2\/2 of run maven:evaluate \(FGSM eps=1\/255, PGD eps=2\/255 steps=3\) is missing: found only \S*runs\/two\/shard-1\/evaluate\.json \(1\/2\)/
