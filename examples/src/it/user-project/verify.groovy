// The program ran on the scripted model: the handoff, the specialist and the answer are in the log.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/classes/com/example/DeskRunner.class').isFile() : 'the processor did not generate DeskRunner'
assert new File(basedir, 'target/classes/META-INF/baton/com.example.Desk.mmd').isFile() : 'no Mermaid graph'
assert log.contains('desk: hands off to billing (back)') : 'no handoff line in the timeline'
assert log.contains('desk>billing: reports back to desk') : 'billing did not report back'
assert log.contains('You were charged twice by mistake; the second charge is refunded.') : 'no answer printed'
assert log.contains('run made 3 model calls; the model reported no token usage') : 'the totals line differs from the README'
return true
