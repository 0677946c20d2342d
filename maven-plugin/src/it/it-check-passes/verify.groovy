// The gate passes: each rule logs what it measured, and evaluate left its results JSON.
def log = new File(basedir, 'build.log').text
assert log.contains('Checking 2 robustness result(s) from 1 file(s)')
assert log =~ /Rule FGSM eps=1\/255 passed: FGSM eps=1\/255: Dice 0\.\d{3} ≥ minDice 0\.600 .*Dice drop 0\.\d{3} ≤ maxDiceDrop 0\.150/
assert log =~ /Rule FGSM \(every eps\) passed: FGSM eps=1\/255: IoU 0\.\d{3} ≥ minIoU 0\.350 .*; FGSM eps=2\/255: IoU 0\.\d{3} ≥ minIoU 0\.350/
assert log.contains('All robustness checks have been met.')
assert !log.contains('Robustness checks have not been met')
assert log.contains('BUILD SUCCESS')

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/robustgate/evaluate.json'))
assert results.source == 'maven:evaluate'
assert results.results.size() == 2
assert results.schemaVersion == 3
assert results.results*.attack*.name == ['FGSM', 'FGSM']
assert results.results.every { it.attack.options == [loss: 'BCE', space: 'PIXEL'] && it.alarms == [] }
assert results.results.every { it.samples.size() == 6 && it.model == 'golden-fixture' && it.split == 'test' }
// One clean pass shared by both budgets: identical clean figures.
assert results.results[0].cleanDice == results.results[1].cleanDice
