#!/usr/bin/env python3
"""Make the coded project of the peers' corpus (../shared/bench) for Strata's
file format 3 (JSON).

`strata_bench.py`'s `build` phase splices the 20,000 codings into the
format-1 RON layout, which Strata no longer writes. This does the same on
the JSON file, so that the other phases (open, export, codecli, gui) can run
with `--resume` on the same corpus:

    python3 ../shared/bench/gen_corpus.py --out /tmp/corpus
    BENCH_RESULTS=/tmp/bench-results python3 ../shared/bench/strata_bench.py \
        --strata target/release/strata --corpus /tmp/corpus/large \
        --work /tmp/sb --phases import
    python3 benches/peers/build_coded.py --corpus /tmp/corpus/large --work /tmp/sb
    BENCH_RESULTS=/tmp/bench-results python3 ../shared/bench/strata_bench.py \
        --strata target/release/strata --corpus /tmp/corpus/large \
        --work /tmp/sb --phases open,export,codecli,gui --resume

Strata refuses an exact duplicate coding (same document, range, code and
coder); the corpus has a few, and they are left out here and counted.
"""
import argparse
import json
import os
import uuid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    base = os.path.join(a.work, "import_0.strata")
    with open(base, encoding="utf-8") as fp:
        f = json.load(fp)
    p = f["project"]
    if p.get("coders") or p.get("codings"):
        raise SystemExit("%s already has coders or codings" % base)
    docs = {d["name"]: d["id"] for d in p["documents"]}
    codes = {c["id"]: c for c in p["codes"]}
    paths = {}

    def walk(ids, prefix):
        for i in ids:
            path = prefix + (codes[i]["name"],)
            paths[path] = i
            walk(codes[i]["children"], path)

    walk(p["roots"], ())
    rows, seen, dups, coders = [], set(), 0, {}
    with open(os.path.join(a.corpus, "codings.jsonl"), encoding="utf-8") as fp:
        for line in fp:
            c = json.loads(line)
            key = (c["doc"], c["start_char"], c["end_char"], tuple(c["code"]), c["coder"])
            if key in seen:
                dups += 1
                continue
            seen.add(key)
            # IDs from the coding itself, so that every run makes the same file.
            coder = coders.setdefault(c["coder"], str(uuid.uuid5(uuid.NAMESPACE_URL, "coder:" + c["coder"])))
            rows.append({
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "coding:" + repr(key))),
                "document": docs[c["doc"].rsplit(".", 1)[0]],
                "range": {"start": c["start_char"], "end": c["end_char"]},
                "code": paths[tuple(c["code"])],
                "coder": coder,
                "history": {"created": "2026-11-29T00:00:00Z"},
            })
    p["coders"] = [{"id": i, "name": n, "color": "#4e79a7"} for n, i in coders.items()]
    p["codings"] = rows
    out = os.path.join(a.work, "coded.strata")
    for ext in ("", ".bak"):
        if os.path.exists(out + ext):
            os.remove(out + ext)
    with open(out, "w", encoding="utf-8") as fp:
        json.dump(f, fp, ensure_ascii=False, indent=2)
    print("%s: %d codings by %d coders (%d exact duplicates left out)"
          % (out, len(rows), len(coders), dups))


if __name__ == "__main__":
    main()
