// The README's plugin quick-start, verbatim, gates and reports against the installed plugin only.
def log = new File(basedir, 'build.log').text
assert log.contains('Rule PGD eps=2/255 passed')
assert log.contains('All robustness checks have been met.')
assert log.contains('BUILD SUCCESS')
// Quiet on a machine without a usable GPU: no CUDA probe warnings, one line naming the device.
assert !log.contains('Failed to detect GPU count')
assert log =~ /\[INFO\] Attacking golden-fixture on my-heldout\/test \(6 samples, prompt p1, cpu\(\)\) with 3 attack\(s\)/

def report = new File(basedir, 'target/robustgate-report')
assert new File(report, 'index.html').isFile()
assert new File(report, 'single-file/index.html').isFile()
assert new File(report, 'robustness-summary.md').text.contains('| PGD steps=5 | 2/255 |')

def readme = new File(basedir, '../../../../README.md').text
def pom = new File(basedir, 'pom.xml').text
def plugin = pom.substring(pom.indexOf('      <plugin>'), pom.indexOf('    </plugins>')).stripTrailing().stripIndent().trim()
assert readme.contains(plugin) : 'README.md must show this IT pom.xml\'s <plugin> verbatim (indentation stripped)'
