// Build 1 passed on its own results; build 2 ignored them as stale and failed on missing results.
def log = new File(basedir, 'build.log').text
def evaluate = new File(basedir, 'target/robustgate/evaluate.json')
assert evaluate.isFile()

assert log.contains('Rule FGSM eps=1/255 passed')
assert log.contains('All robustness checks have been met.')

assert log =~ /\[WARNING\] Ignoring 1 stale results file\(s\) under .*target.robustgate, written before this build started at .*: evaluate\.json/
assert log.contains('Checking 0 robustness result(s) from 0 file(s)')
assert log =~ /\[ERROR\] Rule FGSM eps=1\/255 has missing results: nothing in this build produced them \(stale file .*evaluate\.json from an earlier build, written .*, ignored\)/
assert log.contains('Rule FGSM eps=1/255 matched no result: there are no results at all')
assert log.contains('Robustness checks have not been met')
assert log.contains('BUILD FAILURE')
