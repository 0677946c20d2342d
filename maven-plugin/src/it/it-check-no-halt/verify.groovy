// Same violations as it-check-fails-halt, but only warned about; the build succeeds.
def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] Rule PGD eps=2\/255 violated: PGD eps=2\/255 steps=5: Dice 0\.\d{3} < minDice 0\.800/
assert log.contains('[WARNING] Rule FGSM eps=8/255 matched no result')
assert log.contains('[WARNING] Robustness checks have not been met. See log for details. (haltOnFailure=false: the build goes on)')
assert log.contains('BUILD SUCCESS')
