"""Cross-source comparison over the ECB+ clusters: how many disagreements it reports.

    python -m benchmarks.cross [CORPUS_DIR] [--cluster ID] [--agreeing]

For every cluster (a folder with ``manifest.json`` and one article per file) the
articles are read with their outlet and publication date, extracted, and cross
checked with the default settings; every reported disagreement is printed with
each source's value and sentence, then the totals. A measuring tool, not a test.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import List, Sequence

from factcheck.article import read_article
from factcheck.check.cross.figures import DEFAULT_CROSS_SETTINGS, cross_check
from factcheck.extract import extract

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ecbplus"


def cluster_folders(corpus: Path, only: Sequence[str] = ()) -> List[Path]:
    """The cluster folders (those with a manifest.json) of a corpus, optionally only some ids."""
    folders = sorted(p for p in corpus.iterdir() if (p / "manifest.json").is_file()) if corpus.is_dir() else []
    return [f for f in folders if f.name in only] if only else folders


def load_cluster(folder: Path):
    """(manifest, [(Article, mentions)]) with each article's outlet, url and publication date."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    items = []
    for entry in manifest.get("articles", []):
        path = folder / entry["file"]
        meta = {"outlet": entry.get("outlet"), "url": entry.get("url")}
        article = read_article(path, entry["file"], published=entry.get("published"), meta=meta)
        items.append((article, extract(article.body, published=article.published)))
    return manifest, items


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cross", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--cluster", action="append", default=[], help="only this cluster id (repeatable)")
    parser.add_argument("--agreeing", action="store_true", help="also count agreeing groups")
    args = parser.parse_args(list(argv) or None)
    corpus = Path(args.corpus)
    folders = cluster_folders(corpus, args.cluster)
    total_fail = total_pass = total_articles = 0
    started = time.perf_counter()
    per_cluster: List[str] = []
    for folder in folders:
        manifest, items = load_cluster(folder)
        verdicts = cross_check(items, settings=DEFAULT_CROSS_SETTINGS)
        fails = [v for v in verdicts if v.failed]
        passes = [v for v in verdicts if not v.failed]
        total_fail += len(fails)
        total_pass += len(passes)
        total_articles += len(items)
        per_cluster.append(f"{folder.name}: {len(fails)} disagreement(s), {len(passes)} agreeing group(s), "
                           f"{len(items)} articles")
        print(f"== {folder.name} ({len(items)} articles): {len(fails)} disagreement(s)"
              f"{', %d agreeing group(s)' % len(passes) if args.agreeing else ''}")
        for v in fails:
            print(f"  [{v.subject}] {v.message}")
            for f in v.findings:
                print(f"    {f.where}: {f.marked}")
    elapsed = time.perf_counter() - started
    print()
    print("\n".join(per_cluster))
    print(f"TOTAL: {total_fail} disagreement(s) in {len(folders)} clusters ({total_articles} articles); "
          f"{total_pass} agreeing group(s); {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
