// What a user brings, in the place the quick-start's paths name: a model bundle and a held-out
// set. The ITs use the core's golden fixture (a 48x64 scripted VLSM, 6 samples) as both.
def copy(File from, File to) {
    to.mkdirs()
    from.eachFileRecurse(groovy.io.FileType.FILES) { f ->
        def target = new File(to, from.toPath().relativize(f.toPath()).toString())
        target.parentFile.mkdirs()
        target.bytes = f.bytes
    }
}
copy(new File(goldenDirectory, 'fixture-bundle'), new File(basedir, 'models/my-model'))
copy(new File(goldenDirectory, 'heldout'), new File(basedir, 'data/my-heldout'))
return true
