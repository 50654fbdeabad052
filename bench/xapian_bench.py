#!/usr/bin/python3
"""Xapian baseline for bench/search.bench.ts (issue 3, "Chinese full-text search").

Builds a Xapian index with CJK n-grams (TermGenerator and QueryParser FLAG_CJK_NGRAM, as Alaveteli
does) from the corpus the TypeScript bench writes, then answers the same queries in both orders:
newest first (sorted by a date value slot) and relevance (BM25, Xapian's default). Each search is
what ours does: a count checked up to 1,001 matches ("1000+"), a page of 20 with each hit's stored
data, and a highlighted snippet of its title and body (MSet.snippet, SNIPPET_CJK_NGRAM).

Run by the TypeScript bench with Debian's Python (/usr/bin/python3, python3-xapian):
    /usr/bin/python3 bench/xapian_bench.py CORPUS.jsonl
CORPUS.jsonl: a first line {"queries": {"2": [...], ...}}, then one document per line
{"id", "title", "body", "publishedOn"}.

Protocol (one JSON object per line on stdout): after indexing {"ready": true, "index_ms", ...};
then for each line "measure REPS" on stdin, one warm-up pass and REPS timed passes over every query
in both orders: {"times": {"<length>": {"newest": [ms...], "relevance": [ms...]}}, "matches": ...};
"quit" (or end of input) ends it. Without python3-xapian it prints {"error": "..."} and exits 3.
"""

import json
import os
import shutil
import sys
import tempfile
import time

try:
    import xapian
except ImportError as e:  # the bench reports this and goes on without Xapian
    print(json.dumps({"error": f"python3-xapian is not installed ({e}); apt-get install python3-xapian"}), flush=True)
    sys.exit(3)

DATE_SLOT = 0
PAGE = 20
CHECK_AT_LEAST = 1001  # the count cap of ours (1,000) plus one
FLAGS = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM
NO_STEM = xapian.Stem("none")


def emit(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def build(path, corpus_file):
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    queries = None
    n = 0
    chars = 0
    t0 = time.perf_counter()
    with open(corpus_file, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if queries is None:
                queries = rec["queries"]
                continue
            doc = xapian.Document()
            tg.set_document(doc)
            # title twice as weighty as the body for BM25, and searchable alone with the S prefix
            tg.index_text(rec["title"], 2)
            tg.index_text(rec["title"], 1, "S")
            tg.increase_termpos()
            tg.index_text(rec["body"])
            # YYYY-MM-DD sorts as a string; the document id breaks ties (newest last indexed)
            doc.add_value(DATE_SLOT, rec["publishedOn"])
            doc.set_data(json.dumps({"id": rec["id"], "title": rec["title"], "body": rec["body"]}, ensure_ascii=False))
            db.add_document(doc)
            n += 1
            chars += len(rec["title"]) + len(rec["body"])
    db.commit()
    db.close()
    return queries, n, chars, (time.perf_counter() - t0) * 1000


def search(enquire, qp, q, order):
    query = qp.parse_query(q, FLAGS)
    enquire.set_query(query)
    if order == "newest":
        enquire.set_sort_by_value_then_relevance(DATE_SLOT, True)
    else:
        enquire.set_sort_by_relevance()
    mset = enquire.get_mset(0, PAGE, CHECK_AT_LEAST)
    total = min(mset.get_matches_estimated(), CHECK_AT_LEAST)
    hits = []
    for m in mset:
        data = json.loads(m.document.get_data())
        flags = xapian.MSet.SNIPPET_CJK_NGRAM
        hits.append(
            (
                data["id"],
                mset.snippet(data["title"], 200, NO_STEM, flags, "<mark>", "</mark>", "…"),
                mset.snippet(data["body"], 120, NO_STEM, flags, "<mark>", "</mark>", "…"),
            )
        )
    return total, hits


def measure(db, queries, reps):
    enquire = xapian.Enquire(db)
    qp = xapian.QueryParser()
    qp.set_database(db)
    times = {}
    matches = {}
    for length, qs in queries.items():
        times[length] = {}
        matches[length] = {}
        for order in ("newest", "relevance"):
            for q in qs:  # warm-up, as the TypeScript bench does
                search(enquire, qp, q, order)
            ts = []
            totals = []
            for rep in range(reps):
                for q in qs:
                    t0 = time.perf_counter()
                    total, _ = search(enquire, qp, q, order)
                    ts.append((time.perf_counter() - t0) * 1000)
                    if rep == 0:
                        totals.append(total)
            times[length][order] = ts
            matches[length][order] = totals
    return times, matches


def main():
    if len(sys.argv) != 2:
        print("usage: xapian_bench.py CORPUS.jsonl", file=sys.stderr)
        sys.exit(2)
    tmp = tempfile.mkdtemp(prefix="gongkai-xapian-")
    try:
        path = os.path.join(tmp, "db")
        queries, n, chars, index_ms = build(path, sys.argv[1])
        size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
        db = xapian.Database(path)
        emit(
            {
                "ready": True,
                "version": xapian.version_string(),
                "docs": n,
                "chars": chars,
                "index_ms": index_ms,
                "bytes": size,
            }
        )
        for line in sys.stdin:
            cmd = line.split()
            if not cmd or cmd[0] == "quit":
                break
            if cmd[0] == "measure":
                reps = int(cmd[1]) if len(cmd) > 1 else 3
                times, matches = measure(db, queries, reps)
                emit({"times": times, "matches": matches})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
