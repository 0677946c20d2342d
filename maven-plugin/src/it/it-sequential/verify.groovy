// A sequential gate decides a far limit after a few images and says so; a limit at the full run's
// own mean runs to the last image and gives exactly the full run's figures.
import groovy.json.JsonSlurper

def slurper = new JsonSlurper()
def read = { String path -> slurper.parse(new File(basedir, path)) }
def log = new File(basedir, 'build.log').text

def full = read('runs/full/evaluate.json').results[0]
assert full.sequential == null && full.samples.size() == 48 && full.timings.batchSize == 2

// Far: MISSED with certainty after at most a quarter of the set, in the results, the log and check's verdict.
def far = read('runs/far/evaluate.json').results[0]
def farRecord = far.sequential
assert farRecord.imagesTotal == 48 && !farRecord.exhausted
assert farRecord.imagesAttacked <= 12 : "decided after ${farRecord.imagesAttacked} of 48"
assert far.samples.size() == farRecord.imagesAttacked
assert farRecord.alpha == 0.05 && farRecord.alphaSplit == 'bonferroni'
def farLimit = farRecord.limits[0]
assert farLimit.name == 'minDice' && farLimit.decision == 'MISSED' && !farLimit.exact
assert farLimit.upper < 0.80 && farLimit.decidedAfter == farRecord.imagesAttacked
assert farRecord.batches.size() == farRecord.imagesAttacked / 2
def n = farRecord.imagesAttacked
// evaluate's console line, then check's violation
assert log =~ /\[INFO\]   decided after ${n} of 48 images: Dice ≤ 0\.\d{3} with 95% confidence < minDice 0\.800/
assert log =~ /FGSM eps=4\/255: decided after ${n} of 48 images: Dice ≤ 0\.\d{3} with 95% confidence < minDice 0\.800/
assert log.contains('BUILD FAILURE')
// each attacked sample's figures are the full run's, bit for bit
def fullById = full.samples.collectEntries { [(it.sampleId): it] }
far.samples.each { assert it == fullById[it.sampleId] }

// At the full run's mean: every image, the exact verdict, the full run's figures.
def atMean = read('runs/at-mean/evaluate.json').results[0]
def record = atMean.sequential
def limit = record.limits[0]
assert limit.limit == full.adversarialDice.mean : "minDice ${limit.limit} is not the full run's mean ${full.adversarialDice.mean}"
assert record.imagesAttacked == 48 && record.exhausted
assert limit.decision == 'MET' && limit.exact && limit.decidedAfter == 48
assert atMean.samples.collectEntries { [(it.sampleId): it] } == fullById
['cleanDice', 'adversarialDice', 'diceDrop', 'cleanIou', 'adversarialIou', 'iouDrop'].each {
    assert atMean[it] == full[it] : it
}
assert log =~ /\[INFO\]   every image attacked \(48 of 48, figures as a full run's\): Dice 0\.\d{3} ≥ minDice 0\.\d{3} over all 48 images/
