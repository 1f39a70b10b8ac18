// The program ran on the scripted model: the handoff, the specialist and the answer are in the log.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/classes/com/example/DeskRunner.class').isFile() : 'the processor did not generate DeskRunner'
assert new File(basedir, 'target/classes/META-INF/baton/com.example.Desk.mmd').isFile() : 'no Mermaid graph'
assert log.contains('desk: hands off to billing (back)') : 'no handoff line in the timeline'
assert log.contains('desk>billing: reports back to desk') : 'billing did not report back'
assert log.contains('You were charged twice by mistake; the second charge is refunded.') : 'no answer printed'
assert log.contains('run made 3 model calls; the model reported no token usage') : 'the totals line differs from the README'

// The README shows this program's output: every line of that block, in its order, is a line the
// program printed, up to the elapsed times, durations and the run id, which vary between runs.
// (basedir is examples/target/it/user-project; the README is at the repository's root.)
def normalize = { String line ->
  def m = line =~ /^\s*\d+\.\d{3}s /
  String rest = m.find() ? '@ ' + line.substring(m.end()) : line.strip()
  rest = rest.replaceAll(/run-[0-9a-f]{32}/, 'run-<id>')
  rest.replaceAll(/\b\d+(\.\d+)?(ns|µs|us|ms|s|m|h)\b/, '<duration>')
}
def readme = new File(basedir, '../../../../README.md').text
def shown = (readme =~ /(?s)```\n(  0\.000s run run-[0-9a-f]{32} started\n  \S+ desk: started.*?)```/)
assert shown.find() : 'README.md no longer shows the user project\'s timeline'
def printed = log.readLines().collect { normalize(it) }
int from = 0
shown.group(1).readLines().findAll { !it.isBlank() }.each { line ->
  def at = (from..<printed.size()).find { printed[it] == normalize(line) }
  assert at != null : "README.md shows a line the user project does not print (or not in this order): ${line}"
  from = at + 1
}
return true
