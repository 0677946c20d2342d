def log = new File(basedir, 'build.log').text
assert log.contains('Rule FGSM eps=1/255 passed')
