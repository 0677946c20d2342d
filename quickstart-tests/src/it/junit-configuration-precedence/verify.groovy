import groovy.json.JsonSlurper

def slurper = new JsonSlurper()
def samples = { String run ->
    new File(basedir, "target/$run").listFiles().findAll { it.name.endsWith('.json') }.collectEntries {
        def doc = slurper.parse(it)
        [(doc.source.split('#')[1]): [n: doc.results[0].samples.size(), overrides: doc.configurationOverrides]]
    }
}
def allureParameters = { String run ->
    new File(basedir, "target/$run").listFiles().findAll { it.name.endsWith('-result.json') }.collectEntries {
        def result = slurper.parse(it)
        [(result.name): result.parameters.collectEntries { [(it.name): it.value] }]
    }
}

// junit-platform.properties' robustgate.sample.limit=2 fills in only where the annotation is silent.
def properties = samples('run-properties')
assert properties.annotatedLimit == [n: 4, overrides: [:]]
assert properties.noLimit == [n: 2, overrides: [:]]
assert allureParameters('allure-properties').values().every { !it.containsKey('robustgate.sample.limit.override') }

// The explicit override wins over the annotation, is warned about once, and is recorded.
def override = samples('run-override')
assert override.annotatedLimit == [n: 3, overrides: ['robustgate.sample.limit.override': '3']]
assert override.noLimit == [n: 3, overrides: ['robustgate.sample.limit.override': '3']]
def parameters = allureParameters('allure-override')
assert parameters.size() == 2
assert parameters.values().every { it['robustgate.sample.limit.override'] == '3' && it['data set'].contains('first 3 samples') }

def log = new File(basedir, 'build.log').text
assert log.count('[robustgate] WARNING: robustgate.sample.limit.override=3 overrides what the annotations say') == 1
