// Fails fast: the message names the parameter and the problem, and nothing was attacked.
def log = new File(basedir, 'build.log').text
assert log.contains('attacks[1].eps: PGD: eps must lie in [0,1] but is 1.1764706')
assert log.contains('BUILD FAILURE')
assert !log.contains('Attacking golden-fixture')
assert !new File(basedir, 'target/robustgate/evaluate.json').exists()
