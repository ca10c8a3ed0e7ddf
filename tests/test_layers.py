#!/usr/bin/env python3
"""The tree shows the pipeline: each folder of gen/ is a stage, and a stage includes only
the stages before it (docs/architecture.md). Also: no writer includes another writer, and
no two source files include each other, directly or through others."""
import os
import re
import sys

ROOT = os.environ.get('VANBAN_SOURCE_ROOT') or os.path.join(os.path.dirname(__file__), '..')
GEN = os.path.join(ROOT, 'gen')

# Each stage and the stages it may include (besides itself). The order is the pipeline's.
ALLOWED = {
    'model': set(),
    'viet': {'model'},
    'layout': {'model', 'viet'},
    'tables': {'model', 'viet', 'layout'},
    'read': {'model', 'viet', 'layout', 'tables'},
    'check': {'model', 'viet', 'layout', 'tables', 'read'},
    'compose': {'model', 'viet', 'layout', 'tables'},
    'package': {'model'},
    'write': {'model', 'viet', 'layout', 'tables', 'compose', 'package'},
    'cli': {'model', 'viet', 'layout', 'tables', 'read', 'check', 'compose', 'package', 'write'},
}

# The YAML writer writes the reader's own input format (deadlines in the reader's words).
ALLOWED_FOR_FOLDER = {'write/yaml': {'read'}}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
failures = []


def check(ok, what):
    print(('ok - ' if ok else 'FAIL - ') + what)
    if not ok:
        failures.append(what)


sources = []
for folder, _, names in os.walk(GEN):
    for name in names:
        if name.endswith(('.c', '.h')):
            sources.append(os.path.relpath(os.path.join(folder, name), GEN))

stages_seen = {s.split('/')[0] for s in sources if '/' in s}
check(not [s for s in sources if '/' not in s], 'every source file of gen/ is in a stage folder')
check(stages_seen <= set(ALLOWED), 'every folder of gen/ is a known stage: ' + ', '.join(sorted(stages_seen)))

graph = {}
for src in sources:
    with open(os.path.join(GEN, src), encoding='utf-8') as f:
        text = f.read()
    stage = src.split('/')[0]
    edges = set()
    for inc in INCLUDE.findall(text):
        local = os.path.normpath(os.path.join(os.path.dirname(src), inc))
        target = local if local in sources else (inc if inc in sources else None)
        if target is None:
            in_fonts = os.path.exists(os.path.join(ROOT, 'fonts', inc))
            check(in_fonts, '%s includes "%s", which is in no stage (nor fonts/)' % (src, inc))
            continue
        edges.add(target)
        to_stage = target.split('/')[0]
        folder = '/'.join(src.split('/')[:2])
        if to_stage != stage:
            check(to_stage in ALLOWED.get(stage, set()) | ALLOWED_FOR_FOLDER.get(folder, set()),
                  '%s includes %s: stage %s may use %s' % (src, target, stage, to_stage))
        if stage == 'write' and to_stage == 'write' and src != 'write/write.h':
            same_writer = src.split('/')[1] == target.split('/')[1] or target == 'write/write.h'
            check(same_writer, '%s includes %s: a writer includes only its own files' % (src, target))
    graph[src] = edges

# Include cycles between files (a header that includes itself through others).
cycles = []
state = {}


def visit(node, path):
    state[node] = 1
    for nxt in sorted(graph.get(node, ())):
        if state.get(nxt) == 1:
            cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
        elif nxt not in state:
            visit(nxt, path + [nxt])
    state[node] = 2


for node in sorted(graph):
    if node not in state:
        visit(node, [node])
check(not cycles, 'no include cycles' + ('' if not cycles else ': ' + '; '.join(' → '.join(c) for c in cycles)))

# Call circles between the .c files of a stage: a file whose functions are declared in a
# header it includes must not be called back by the file that defines them. Approximated
# by the header each .c file implements (same base name): a.c → b.h and b.c → a.h.
implements = {s: s[:-2] + '.h' for s in sources if s.endswith('.c') and s[:-2] + '.h' in sources}
circles = []
for a, ah in implements.items():
    for b, bh in implements.items():
        if a < b and bh in graph[a] and ah in graph[b]:
            circles.append('%s ↔ %s' % (a, b))
check(not circles, 'no two files call each other through their headers' + ('' if not circles else ': ' + ', '.join(circles)))

sys.exit(1 if failures else 0)
