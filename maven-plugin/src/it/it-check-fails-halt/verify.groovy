// Every violation is logged with its numbers, then the build fails once.
def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] Rule PGD eps=2\/255 violated: PGD eps=2\/255 steps=5: Dice 0\.\d{3} < minDice 0\.800 \(clean 0\.\d{3}, drop 0\.\d{3}; 95% CI 0\.\d{3}–0\.\d{3}; worst: \S+\.png 0\.\d{3}\) \[model golden-fixture, data heldout\/test\]/
assert log =~ /\[WARNING\] Rule PGD eps=2\/255 violated: PGD eps=2\/255 steps=5: Dice drop 0\.\d{3} > maxDiceDrop 0\.100/
assert log.contains('[WARNING] Rule FGSM eps=8/255 matched no result: results exist only for PGD eps=2/255')
assert log.contains('Robustness checks have not been met. See log for details.')
assert log.contains('BUILD FAILURE')
// The failure is the check's, not an evaluation error: the results were written first.
assert new File(basedir, 'target/robustgate/evaluate.json').isFile()
