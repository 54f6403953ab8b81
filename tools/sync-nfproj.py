#!/usr/bin/env python3
"""Rewrites the <Compile> items of an .nfproj from the .cs files beside it.

The nanoFramework project system lists every source file; the host build of the core uses a
wildcard. Run this after adding or removing a core file; a test fails when they disagree.
usage: tools/sync-nfproj.py nf-src/EdSoftNano.Core/EdSoftNano.Core.nfproj
"""
import os
import re
import sys

for project in sys.argv[1:]:
    root = os.path.dirname(os.path.abspath(project))
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("bin", "obj", "packages"))
        for name in sorted(names):
            if name.endswith(".cs"):
                files.append(os.path.relpath(os.path.join(folder, name), root).replace("/", "\\"))
    items = "".join('    <Compile Include="%s" />\n' % f for f in sorted(files, key=str.lower))
    text = open(project, encoding="utf-8").read()
    begin = "  <ItemGroup Label=\"Sources\">\n"
    start = text.index(begin) + len(begin)
    end = text.index("  </ItemGroup>", start)
    open(project, "w", encoding="utf-8", newline="\r\n").write(text[:start] + items + text[end:])
    print("%s: %d source files" % (project, len(files)))
