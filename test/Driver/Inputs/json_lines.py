#!/usr/bin/env python3
"""Prints a JSON file one leaf per line, for FileCheck.

    json_lines.py FILE

Objects are walked in sorted key order, arrays of objects element by element;
arrays of scalars and scalars are printed as compact JSON:

    launch.block = [384, 1, 1]
    launch.grid = [32, "ceil(M/16)", 1]
    params[0].name = "weights_map"

Exits non-zero (with the parser's message) when FILE is not valid JSON.
"""

import json
import sys


def walk(path, value, out):
    if isinstance(value, dict):
        for key in sorted(value):
            walk(f"{path}.{key}" if path else key, value[key], out)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, v in enumerate(value):
            walk(f"{path}[{i}]", v, out)
    else:
        out.append(f"{path} = {json.dumps(value, separators=(', ', ': '))}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: json_lines.py FILE")
    try:
        with open(sys.argv[1]) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"json_lines.py: {sys.argv[1]}: {e}")
    lines = []
    walk("", data, lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
