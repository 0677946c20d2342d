// The masked model clears its Dice limit, and fails on what its alarms say.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] Rule PGD eps=8/255 violated: PGD eps=8/255 steps=5: gradient masking suspected: zero input gradient on 6 of 6 samples')
assert log.contains('attack loss did not rise (nor Dice fall) over its first steps')
assert !(log =~ /< minDice/)
// SQUARE, which sees only losses, beat PGD: its result says so.
def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/robustgate/evaluate.json')).results
def square = results.find { it.attack.name == 'SQUARE' }
def pgd = results.find { it.attack.name == 'PGD' }
assert square.adversarialDice.mean < pgd.adversarialDice.mean
assert square.alarms*.kind.contains('WEAKER_ATTACK_STRONGER')
assert log.contains('Robustness checks have not been met. See log for details.')
assert log.contains('BUILD FAILURE')
