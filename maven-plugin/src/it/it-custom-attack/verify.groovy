// The project's own attack ran by name through evaluate and was gated by check; no plugin class names it.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Rule SIGN_NOISE eps=2\/255 passed: SIGN_NOISE eps=2\/255 density=0\.5: Dice 0\.\d{3} ≥ minDice 0\.500/

def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/robustgate/evaluate.json'))
assert results.schemaVersion == 3
assert results.results*.attack*.name == ['SIGN_NOISE', 'APGD']
def noise = results.results[0]
assert noise.attack.displayName == 'SIGN_NOISE eps=2/255 density=0.5'
assert noise.attack.options == [density: 0.5, seed: 3]
assert Math.abs(noise.maxLinf - 2 / 255) < 1e-6
def apgd = results.results[1]
assert apgd.attack.displayName == 'APGD eps=2/255 steps=5 loss=MASKED_BCE'
assert apgd.attack.options.steps == 5 && apgd.attack.options.loss == 'MASKED_BCE' && apgd.attack.options.randomStart == true
// APGD works: it lowers the mean Dice more than random noise of the same size.
assert apgd.adversarialDice.mean < noise.adversarialDice.mean
