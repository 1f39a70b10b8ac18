#!/bin/bash
# Processor cost on a 200-agent system. From the repository root, after
#   mvn -B -ntp -q -pl processor -am verify -DskipTests
# run: processor/bench/run.sh [runs]
set -euo pipefail
RUNS=${1:-7}
J=$(ls -d /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/*-2[5-9]* 2>/dev/null | head -1)/bin
R=~/.m2/repository
JK=$R/com/fasterxml/jackson/core
CP=$PWD/dsl/target/classes:$PWD/runtime/target/classes:$(ls $JK/jackson-databind/2.22.4/*.jar):$(ls $JK/jackson-core/2.22.4/*.jar):$(ls $JK/jackson-annotations/2.22/*.jar)
PP=$PWD/processor/target/classes:$PWD/dsl/target/classes:$R/com/palantir/javapoet/javapoet/0.22.0/javapoet-0.22.0.jar
B=/tmp/baton-bench
rm -rf $B && mkdir -p $B/src
$J/java processor/bench/BigSystem.java $B/src
SRC=$B/src/com/acme/Big.java
echo "cold javac process, ms: without-processor with-processor"
for i in $(seq 1 "$RUNS"); do
  rm -rf $B/o1 $B/o2 && mkdir -p $B/o1 $B/o2
  s=$(date +%s%N); $J/javac --release 21 -cp "$CP" -proc:none -d $B/o1 $SRC; e=$(date +%s%N)
  without=$(( (e - s) / 1000000 ))
  s=$(date +%s%N); $J/javac --release 21 -cp "$CP" -processor dev.baton.processor.BatonProcessor \
      -processorpath "$PP" -d $B/o2 -s $B/o2 $SRC; e=$(date +%s%N)
  echo "$without $(( (e - s) / 1000000 ))"
done
cp $B/o2/com/acme/BigRunner.java $B/BigRunner.java
echo "generated runner: $(wc -l < $B/BigRunner.java) lines"
$J/java processor/bench/Bench.java "$CP:$PP" "$PP" $SRC 12
