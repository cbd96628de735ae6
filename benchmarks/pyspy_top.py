"""Top functions of a py-spy profile in raw (collapsed stack) format.

    py-spy record --format raw -o profile.txt -- .venv/bin/sitrep process x.jsonl --no-store
    .venv/bin/python benchmarks/pyspy_top.py profile.txt [--top 10] [--match sitrep/]

Prints the functions with the most samples on top of the stack ("self") and the ones
present in the most stacks ("total", each function counted once per stack), as a
percentage of all samples.  ``--match`` keeps only frames whose text contains it.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path


def read_stacks(path: Path) -> list[tuple[list[str], int]]:
    """(frames from the root, samples) for each line ``frame;frame;... COUNT``."""
    stacks: list[tuple[list[str], int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    return stacks


def top(
    stacks: Sequence[tuple[list[str], int]], n: int, match: str = ""
) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]]]:
    total = sum(count for _, count in stacks)
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in stacks:
        kept = [f for f in frames if match in f]
        if frames and match in frames[-1]:
            own[frames[-1]] += count
        for frame in dict.fromkeys(kept):
            inclusive[frame] += count
    return total, own.most_common(n), inclusive.most_common(n)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--match", default="", help="keep frames containing this text")
    args = parser.parse_args(argv)
    total, own, inclusive = top(read_stacks(args.profile), args.top, args.match)
    print(f"{total} samples")
    for title, rows in (("self", own), ("total", inclusive)):
        print(f"\n{title:>6}  function (file:line)")
        for frame, count in rows:
            print(f"{100 * count / total:5.1f} %  {frame}")


if __name__ == "__main__":
    main()
