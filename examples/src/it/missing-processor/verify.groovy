// The symptom the README's troubleshooting table gives for a missing processor.
def log = new File(basedir, 'build.log').text
assert log.contains('error: cannot find symbol') : 'javac did not report a missing symbol'
assert log =~ /symbol:\s+(variable|class) DeskRunner/ : 'the missing symbol is not DeskRunner'
assert !new File(basedir, 'target/classes/com/example/DeskRunner.class').exists()
return true
