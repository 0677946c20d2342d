// The published folder has the Allure report (folder and single file), the summary, the file that
// was there before, and after the second build a history of two runs.
import groovy.json.JsonSlurper

def published = new File(basedir, 'published')
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')

assert new File(published, 'README.md').text.contains('must leave this file alone')

def index = new File(published, 'index.html')
assert index.isFile() && index.text.contains('<html')
assert new File(published, 'data/suites.json').isFile()
def singleFile = new File(published, 'single-file/index.html')
assert singleFile.isFile()
// Self-contained: the report's data is inlined instead of read from data/.
assert singleFile.length() > 500_000
assert singleFile.text.contains('data/suites.json')

// Converted evaluate results and the JUnit test's own Allure result are both in the report.
def slurper = new JsonSlurper()
def cases = new File(published, 'data/test-cases').listFiles().collect { slurper.parse(it) }
def byName = cases.collectEntries { [(it.name): it] }
assert byName['FGSM eps=1/255 on heldout/test'].status == 'passed'
def pgd = byName['PGD eps=2/255 steps=3 on heldout/test']
assert pgd.status == 'failed'
assert pgd.statusMessage =~ /Rule PGD eps=2\/255 violated: PGD eps=2\/255 steps=3: Dice 0\.\d{3} < minDice 0\.800/
assert pgd.parameters.find { it.name == 'eps' }.value == '2/255'
assert pgd.parameters.find { it.name == 'steps' }.value == '3'
assert byName['cleanDiceIsHighEnough()'].status == 'passed'
// The JUnit extension's results reach Allure through its own listener, not through this goal.
assert !byName.keySet().any { it.startsWith('FGSM eps=2/255') }

// Summary: one row per recorded result, from evaluate and from the JUnit run.
def summary = new File(published, 'robustness-summary.md').text
assert summary =~ /\| FGSM \| 1\/255 \| golden-fixture \| heldout\/test \| 6 \| 0\.\d{3} \| 0\.\d{3} \| 0\.\d{3} \|.*\| passed \| maven:evaluate \|/
assert summary =~ /\| PGD steps=3 \| 2\/255 \|.*\| FAILED \| maven:evaluate \|/
assert summary =~ /\| FGSM \| 2\/255 \|.*\| not gated \| junit:io\.example\.GoldenFixtureTest#fgsmKeepsDice \|/
assert summary.contains('- **PGD eps=2/255**: FAILED')
def summaryJson = slurper.parse(new File(published, 'robustness-summary.json'))
assert summaryJson.rows.size() == 3
assert summaryJson.rows*.verdict == ['PASSED', 'NOT_GATED', 'FAILED']

// The second build carried the first report's history over: two runs in the trend.
def trend = slurper.parse(new File(published, 'history/history-trend.json'))
assert trend.size() == 2
assert new File(basedir, 'allure-results/history/history-trend.json').isFile()

// Allure's overview: environment and executor filled, the failed gate grouped under its cause.
def environment = slurper.parse(new File(published, 'widgets/environment.json'))
def env = environment.collectEntries { [(it.name): it.values] }
assert env['Model'] == ['golden-fixture']
assert env['Data set'][0].startsWith('heldout/test (split test')
assert env['DJL'] == ['0.33.0'] && env['libtorch'] == ['2.5.1']
def executors = slurper.parse(new File(published, 'widgets/executors.json'))
assert executors.size() == 1 && executors[0].buildName
def categories = slurper.parse(new File(published, 'data/categories.json'))
def gateViolated = categories.children.find { it.name == 'robustness gate violated' }
assert gateViolated != null : "no 'robustness gate violated' category in ${categories.children*.name}"
// Allure groups a category's tests by message: category → message → test cases.
assert gateViolated.children.collectMany { it.children*.name }.contains('PGD eps=2/255 steps=3 on heldout/test')
// evaluate's test cases link the dashboard and carry the summary as HTML Allure shows inline.
assert pgd.links.find { it.name == 'robustness dashboard' }.url == 'robustness.html'

// The dashboard: one self-contained page beside the report (and beside the single-file form).
def dashboard = new File(published, 'robustness.html').text
assert dashboard.contains('Release gate FAILED: 1 of 2 gates violated')
assert dashboard.contains('rule PGD eps=2/255')
assert !(dashboard =~ /src="(?!data:)/) : 'every picture is inline'
assert new File(published, 'single-file/robustness.html').isFile()
// The second build added itself to the dashboard's trend.
assert slurper.parse(new File(published, 'robustness-trend.json')).builds.size() == 2
