// VANISHED_FRACTION is a registered metric: the rule names it by limit name, the violation carries the share.
def log = new File(basedir, 'build.log').text
def headline = log =~ /VANISH eps=8\/255 steps=40: Dice .* vanished fraction (\d\.\d{3})/
assert headline.find() : 'the evaluation line shows the vanished fraction'
assert (headline.group(1) as double) > 0.5 : 'VANISH at 8/255 makes the lesion vanish on most images: ' + headline.group(1)
assert log =~ /\[WARNING\] Rule VANISH eps=8\/255 violated: VANISH eps=8\/255 steps=40: vanished fraction \d\.\d{3} > maxVanishedFraction 0\.250 \(clean 0\.000/
assert log.contains('BUILD FAILURE')
def results = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/robustgate/evaluate.json'))
def fp = log =~ /HALLUCINATE eps=8\/255 steps=40: Dice .* false-positive area (\d\.\d{3})/
assert fp.find() : 'the evaluation line shows the false-positive area HALLUCINATE created'
assert (fp.group(1) as double) > 0
def samples = results.results[0].samples
assert samples.size() == 8
assert samples.every { it.cleanPredictedArea > 0 && it.adversarialPredictedArea != null && (it.adversarialVanished == 0 || it.adversarialVanished == 1) }
assert samples.count { it.adversarialVanished == 1 } > 4
assert results.results[1].samples.count { it.adversarialFalsePositiveArea > 0 } > 4
