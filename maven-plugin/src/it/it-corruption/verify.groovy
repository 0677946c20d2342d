// CORRUPTION through the plugin: one result per kind and severity with no budget, the per-sample
// worst of the kinds, and rules gating every result with violations that name kind and severity.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new JsonSlurper().parse(new File(basedir, 'target/robustgate/evaluate.json')).results
def kinds = ['speckle_noise', 'jpeg', 'contrast']

assert results.size() == 15 + 2
def single = results.findAll { it.attack.options.kinds in kinds }
assert single.size() == 15
assert results.every { it.attack.eps == 0 && it.attack.threatModel == 'none' && it.samples.size() == 8 }
assert results.every { it.samples.every { s -> s.gradientPasses == 0 } } : 'a corruption takes no gradient'

// Dice per kind and severity, each its own result, named without a budget.
def dice = [:]
single.each { r ->
    def severity = r.attack.options.severity as int
    assert r.attack.displayName == "CORRUPTION kinds=${r.attack.options.kinds} severity=${severity}"
    dice[[r.attack.options.kinds, severity]] = r.adversarialDice.mean
}
assert dice.keySet() == [kinds, 1..5].combinations().collect { it as List }.toSet()
assert dice[['contrast', 5]] < dice[['contrast', 1]] : 'contrast at severity 5 hurts more than at 1'

// The worst of the family per sample: each kind's Dice is that kind's own result on the sample (same seeds), to the bit.
def worst = results.findAll { it.attack.options.kinds == 'speckle_noise,jpeg,contrast' }
assert worst*.attack*.displayName == ['CORRUPTION kinds=speckle_noise,jpeg,contrast severity=1',
                                       'CORRUPTION kinds=speckle_noise,jpeg,contrast severity=5']
worst.each { w ->
    def severity = w.attack.options.severity as int
    w.samples.eachWithIndex { s, i ->
        assert s.memberDice.keySet() as List == kinds
        assert s.wonBy in kinds && s.adversarialDice == s.memberDice.values().min()
        kinds.each { k ->
            def own = single.find { it.attack.options.kinds == k && (it.attack.options.severity as int) == severity }.samples[i]
            assert own.sampleId == s.sampleId && own.adversarialDice == s.memberDice[k]
        }
    }
    assert w.adversarialDice.mean <= kinds.collect { dice[[it, severity]] }.min() + 1e-9
}

// One rule every result meets, one that the strong contrast loss breaks, each violation naming kind and severity.
assert log =~ /\[INFO\] Rule CORRUPTION \(every result\) passed: CORRUPTION kinds=speckle_noise severity=1: Dice 0\.\d{3} ≥ minDice 0\.500/
assert log =~ /\[WARNING\] Rule CORRUPTION \(every result\) violated: CORRUPTION kinds=contrast severity=5: Dice drop 0\.\d{3} > maxDiceDrop 0\.100 \(clean 0\.\d{3}/
assert log =~ /\[WARNING\] Rule CORRUPTION \(every result\) violated: CORRUPTION kinds=speckle_noise,jpeg,contrast severity=5: Dice drop/
assert !(log =~ /violated: CORRUPTION kinds=jpeg severity=1:/)
assert log.contains('Robustness checks have not been met') && log.contains('BUILD FAILURE')

// The report: a severity curve per corruption on the dashboard and in each result's Allure attachments.
def dashboard = new File(basedir, 'target/robustgate-report/robustness.html').text
assert dashboard.contains('id="severity"') && dashboard.contains('alt="CORRUPTION: Dice against severity on hc18-vlsm-adapter')
def allure = new File(basedir, 'target/allure-results').listFiles().findAll { it.name.endsWith('-result.json') }
assert allure.size() == 17
assert allure.every { it.text.contains('"severity curve: CORRUPTION: Dice against severity on hc18-vlsm-adapter') }
