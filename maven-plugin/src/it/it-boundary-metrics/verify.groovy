// HD95 and NSD are registered metrics: the rule names them, the violations carry their numbers.
def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] Rule FGSM eps=8\/255 violated: FGSM eps=8\/255: HD95 \d+\.\d{3} > maxHd95 0\.500 \(clean \d+\.\d{3}, increase -?\d+\.\d{3}/
assert log =~ /\[WARNING\] Rule FGSM eps=8\/255 violated: FGSM eps=8\/255: NSD 0\.\d{3} < minNsd 0\.990 \(clean \d\.\d{3}, drop -?\d\.\d{3}/
assert log.contains('BUILD FAILURE')
def results = new File(basedir, 'target/robustgate/evaluate.json').text
assert results.contains('"adversarialHd95"') && results.contains('"nsdDrop"') && results.contains('"distanceUnit" : "px"')
