// The README's JUnit quick-start, verbatim, passes against the installed artifacts only.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('BUILD SUCCESS')

def results = new File(basedir, 'target/robustgate/junit').listFiles().findAll { it.name.endsWith('.json') }
assert results.size() == 3
def types = results.collect { new JsonSlurper().parse(it).results[0].attack.name }.sort()
assert types == ['FGSM', 'FGSM', 'PGD']

// What the README shows is what ran here: each file appears verbatim in the root README.
def readme = new File(basedir, '../../../../README.md').text
assert readme.contains(new File(basedir, 'src/test/java/com/example/MyModelRobustnessTest.java').text.trim()) :
        'README.md must show src/test/java/com/example/MyModelRobustnessTest.java of this IT verbatim'
def pom = new File(basedir, 'pom.xml').text
def dependencies = pom.substring(pom.indexOf('  <dependencyManagement>'), pom.indexOf('</project>')).trim()
assert readme.contains(dependencies) : 'README.md must show this IT pom.xml\'s dependencyManagement, dependencies and build verbatim'
