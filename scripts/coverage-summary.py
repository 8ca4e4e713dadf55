#!/usr/bin/env python3
"""Summarises a coverlet cobertura report of src/TypedSocketIO.

Prints one line, "coverage (src/TypedSocketIO): lines X%, branches Y%", then the public members
(those listed in src/TypedSocketIO/PublicAPI.*.txt) whose code no test ran, at most --show of
them; writes every one of them to --unreached.

usage: coverage-summary.py COBERTURA_XML PUBLIC_API_FILE... --unreached FILE [--show N]
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

# A member line of a PublicAPI file: optional modifiers, then Type.Member...
MODIFIERS = ("abstract ", "override ", "static ", "virtual ", "sealed ", "readonly ")


def public_members(api_files):
    """(type, member, arity) of every public member with a body, from the PublicAPI files."""
    lines = []
    for path in api_files:
        with open(path, encoding="utf-8") as f:
            lines += [line.strip() for line in f if line.strip() and not line.startswith("#")]

    # A line that is only a name (no member after it) declares a type.
    types = {clr_type(line) for line in lines if re.fullmatch(r"[\w.]+(<[\w, ]+>)?", line)}
    members = []
    for line in lines:
        if line.startswith(("abstract ", "const ")) or re.fullmatch(r"[\w.]+(<[\w, ]+>)?", line):
            continue  # no body of its own, or a type
        for modifier in MODIFIERS:
            if line.startswith(modifier):
                line = line[len(modifier):]
        signature = line.split(" -> ")[0]
        head = signature.split("(")[0]
        # The longest known type the member's name starts with.
        owner = max((t for t in types if clr_member_prefix(head).startswith(t + ".")), key=len, default=None)
        if owner is None:
            continue
        rest = clr_member_prefix(head)[len(owner) + 1:]
        if " = " in line and "(" not in signature:
            continue  # an enum member
        if rest.endswith((".get", ".set", ".init")):
            name, accessor = rest.rsplit(".", 1)
            members.append((owner, ("get_" if accessor == "get" else "set_") + name, 0 if accessor == "get" else 1))
            continue
        name = re.sub(r"<.*>$", "", rest)
        if name == owner.split(".")[-1].split("`")[0]:
            name = ".ctor"
        members.append((owner, name, arity(signature)))
    return members


def clr_type(name):
    """TypedSocketIO.Namespace<TClient> -> TypedSocketIO.Namespace`1 (as the report names it)."""
    return re.sub(r"<([\w, ]+)>", lambda m: "`" + str(m.group(1).count(",") + 1), name)


def clr_member_prefix(head):
    """The member's full name with generic type arguments written the CLR way, method type arguments kept."""
    parts = head.split(".")
    return ".".join(clr_type(part) if i < len(parts) - 1 else part for i, part in enumerate(parts))


def arity(signature):
    """How many parameters a signature lists, PublicAPI's or the report's: top-level commas between its parentheses."""
    if "(" not in signature:
        return 0
    inside = signature[signature.index("(") + 1:signature.rindex(")")]
    if not inside.strip():
        return 0
    depth, count = 0, 1
    for ch in inside:
        depth += ch in "<(["
        depth -= ch in ">)]"
        count += ch == "," and depth == 0
    return count


def source_rates(root):
    """Line and branch coverage in percent of the project's own source files: code generated into obj/ at
    build time (the logging generator's LoggerMessage.g.cs) is left out, which coverlet's ExcludeByFile does
    not do for a file that exists only in the compiler."""
    line_hits = {}
    branch_counts = {}
    for cls in root.iter("class"):
        filename = cls.get("filename")
        if filename.replace("\\", "/").startswith("obj/"):
            continue
        for line in cls.find("lines").iter("line"):
            key = (filename, line.get("number"))
            line_hits[key] = max(line_hits.get(key, 0), int(line.get("hits")))
            coverage = line.get("condition-coverage")  # "50% (1/2)"
            if coverage:
                covered, total = map(int, coverage[coverage.index("(") + 1:-1].split("/"))
                old = branch_counts.get(key, (0, 0))
                branch_counts[key] = (max(old[0], covered), max(old[1], total))
    lines = 100 * sum(hits > 0 for hits in line_hits.values()) / max(1, len(line_hits))
    branches = 100 * sum(c for c, _ in branch_counts.values()) / max(1, sum(t for _, t in branch_counts.values()))
    return lines, branches


def report_hits(root):
    """(type, method, arity) -> hit count, and async method bodies by (type, method)."""
    hits = defaultdict(int)
    async_hits = defaultdict(int)
    for cls in root.iter("class"):
        name = cls.get("name")
        for method in cls.iter("method"):
            count = sum(int(line.get("hits")) for line in method.iter("line"))
            machine = re.fullmatch(r"(.+)/<(\w+)>d__\d+", name)
            if machine:
                async_hits[(machine.group(1), machine.group(2))] += count
                continue
            hits[(name, method.get("name"), arity(method.get("signature")))] += count
    return hits, async_hits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("api", nargs="+")
    parser.add_argument("--unreached", required=True)
    parser.add_argument("--show", type=int, default=30)
    args = parser.parse_args()

    root = ET.parse(args.report).getroot()
    lines, branches = source_rates(root)
    print(f"coverage (src/TypedSocketIO): lines {lines:.1f}%, branches {branches:.1f}%")

    hits, async_hits = report_hits(root)
    unreached = []
    for owner, name, count in public_members(args.api):
        # Overloads are told apart by their number of parameters only. An async method's body is its state
        # machine, which does not tell which overload it is: one that ran counts for all of them.
        if (owner, name) in async_hits:
            reached = async_hits[(owner, name)] > 0 or hits.get((owner, name, count), 0) > 0
        elif (owner, name, count) in hits:
            reached = hits[(owner, name, count)] > 0
        else:
            continue  # no code of its own in the report (an interface member, a struct's implicit constructor)
        if not reached:
            unreached.append(f"{owner}.{name}" + ("" if name.startswith(("get_", "set_")) else f"/{count}"))

    unreached = sorted(set(unreached))
    with open(args.unreached, "w", encoding="utf-8") as f:
        f.write("\n".join(unreached) + ("\n" if unreached else ""))
    print(f"public members no test reaches: {len(unreached)} (all in {args.unreached})")
    for member in unreached[: args.show]:
        print("  " + member)
    if len(unreached) > args.show:
        print(f"  ... and {len(unreached) - args.show} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
