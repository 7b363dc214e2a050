#!/usr/bin/env python3
"""Summarises a dotnet-trace thread-time sample (converted to Speedscope) as CPU, not wall clock.

Usage: dotnet-trace convert ROLE.nettrace --format Speedscope -o ROLE
       python3 profile-summary.py ROLE.speedscope.json [top]

The sampled-thread-time profile samples every managed thread, waiting or not; each sample ends in CPU_TIME (running
managed code) or UNMANAGED_CODE_TIME (in native code). Native time under a wait (thread pool idle, Monitor.Wait, socket
polling, a GC suspension) is dropped, so what is left is time spent running, managed or native.
That running time is reported by area (first matching rule on the stack, innermost frame first) and as the methods
with the most inclusive running time.
"""
import json
import re
import sys
from collections import defaultdict

WAITS = re.compile(r"WaitOneNoCheck|WaitForSignal|WaitNative|Monitor\.Wait|Interop\+Sys\.Read\(|Interop\+Sys\.WaitForSocketEvents|"
                   r"PollGCWorker|SleepInternal|Thread\.Sleep|epoll|LowLevelLifoSemaphore|WaitHandle\.Wait|Missing Symbol|"
                   r"ManualResetEventSlim\.Wait|SpinWait|Interop\+Sys\.Poll|Interop\+Sys\.WaitPid|CounterGroup\.PollForValues|"
                   r"SocketAsyncEngine\.EventLoop|ConsoleLoggerProcessor\.TryDequeue|TimerQueue\.TimerThread")
GC_SUSPENSION = re.compile(r"PollGC")
PSEUDO = re.compile(r"^(CPU_TIME|UNMANAGED_CODE_TIME|Process64 |\(Non-Activities\)|Threads$|Thread \()")

# Areas, tested innermost frame first; the first frame that matches any rule decides the area.
AREAS = [
    ("json (System.Text.Json)", r"System\.Text\.Json|Utf8JsonWriter|Utf8JsonReader|JsonSerializer"),
    ("serialization (Orleans codecs, copiers)", r"Orleans\.Serialization|Codec_|Copier_|DeepCopy|OrleansGrainStorageSerializer"),
    ("grain storage", r"MemoryStorageGrain|MemoryGrainStorage|AdoNetGrainStorage|Npgsql|GrainStorage"),
    ("streams (pulling agents, pub-sub)", r"Orleans\.Streams|PersistentStreamPullingAgent|MemoryAdapter|PubSub|StreamConsumer|ImplicitConsumer"),
    ("password hashing", r"Pbkdf2|Rfc2898|PasswordHasher"),
    ("OrleansDirect grain and gateway code", r"OrleansDirect\."),
    ("Orleans messaging and scheduling", r"Orleans\.Runtime|Orleans\.Messaging|MessageCenter|Orleans\..*Connection|ActivationData|Catalog|InsideRuntimeClient|GrainReference|WorkItem"),
    ("sockets and Kestrel", r"System\.Net\.|Sockets|Kestrel|WebSocket|Pipelines"),
    ("garbage collection", r"GC\.|AllocateNewArray|Allocate"),
]


def main(path, top):
    data = json.load(open(path))
    names = [f["name"] for f in data["shared"]["frames"]]
    running = 0.0
    suspended = 0.0
    inclusive = defaultdict(float)
    areas = defaultdict(float)
    for profile in data["profiles"]:
        stack, last = [], None
        for event in profile["events"]:
            at = event["at"]
            frames = [f for f in stack if not PSEUDO.search(names[f])]
            # Native time is waiting when one of the three innermost managed frames is a wait.
            waiting = not frames or (names[stack[-1]] != "CPU_TIME" and any(WAITS.search(names[f]) for f in frames[-3:]))
            if last is not None and frames and any(GC_SUSPENSION.search(names[f]) for f in frames[-3:]):
                # A thread stopped by a garbage collection: counted apart, as a sign of allocation pressure.
                suspended += at - last
            elif last is not None and stack and not waiting:
                span = at - last
                running += span
                for frame in set(frames):
                    inclusive[names[frame]] += span
                for frame in reversed(frames):
                    area = next((a for a, rule in AREAS if re.search(rule, names[frame])), None)
                    if area:
                        areas[area] += span
                        break
                else:
                    areas["other (runtime, thread pool)"] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    if running == 0:
        sys.exit(f"{path}: no running thread time sampled (was the process busy while the trace ran?)")
    print(f"{path}: {running / 1000:.2f} s of running thread time sampled; threads stopped for garbage collections: {suspended / 1000:.2f} s")
    print("by area (innermost matching frame):")
    for area, span in sorted(areas.items(), key=lambda a: -a[1]):
        print(f"  {100 * span / running:5.1f}%  {area}")
    print(f"top {top} methods by inclusive running time:")
    shown = 0
    for name, span in sorted(inclusive.items(), key=lambda a: -a[1]):
        print(f"  {100 * span / running:5.1f}%  {name[:150]}")
        shown += 1
        if shown >= top:
            break


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
