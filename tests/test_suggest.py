"""``factcheck suggest``: a facts.yaml drafted from a story folder.

Tested on real clusters copied into ``tests/data/suggest/`` (from ``../shared/corpora``, so a
clean checkout runs them), on the seed corpus, and on small Markdown stories written here.
What a user would notice: the draft loads; ``sources:`` carries each article's outlet and
date; every candidate quotes where its sources say it; sources that disagree are comments,
not a silent pick; the draft run as pytest runs it fails only where a comment says so; and
no file is ever overwritten or written beside the articles.
"""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from factcheck.corpus import Corpus
from factcheck.facts import FACT_ID, load_facts
from factcheck.suggest import (OutputExists, SuggestError, SuggestSettings, _window, run_suggest, slug,
                               suggest_facts, write_new)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "suggest"
CLUSTERS = sorted(p.name for p in DATA.iterdir() if p.is_dir())
#: The 76ers fire Jim O'Brien and hire Maurice Cheeks (May 2005): six articles, four outlets.
SIXERS = "ecbplus-t05b"


def copy_cluster(name: str, into: Path) -> Path:
    target = into / name
    shutil.copytree(DATA / name, target)
    return target


def snapshot(folder: Path):
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_mtime_ns, p.read_bytes())
                  for p in folder.rglob("*") if p.is_file())


def load_draft(folder: Path, text: str, tmp_path: Path):
    """The draft loaded by factcheck, beside a copy of the articles (never in ``folder``)."""
    stage = tmp_path / "stage"
    shutil.copytree(folder, stage)
    (stage / "facts.yaml").write_text(text, encoding="utf-8")
    return load_facts(stage / "facts.yaml", rootdir=stage)


def blocks(text: str):
    """fact id -> the lines of its block (comments above it included)."""
    out, current, pending = {}, None, []
    for line in text.splitlines():
        m = re.match(r"  - id: (\S+)", line)
        if m:
            current = m.group(1)
            out[current] = pending + [line]
            pending = []
        elif line.startswith("  # ") and not line.startswith("    "):
            pending.append(line)
        elif current and line.startswith("    "):
            out[current].append(line)
    return out


def counted_more(lines) -> int:
    """N of a block's "FAILS ... and N more": failures past ``failures_shown``, counted, not placed."""
    return sum(int(m.group(1)) for line in lines for m in [re.search(r"# FAILS \.\.\. and (\d+) more", line)] if m)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """Each real cluster copied and drafted once: {name: (folder, text)}."""
    out = {}
    for name in CLUSTERS:
        folder = copy_cluster(name, tmp_path_factory.mktemp("clusters"))
        out[name] = (folder, suggest_facts(folder))
    return out


# --------------------------------------------------------------------------- real clusters

@pytest.mark.parametrize("name", CLUSTERS)
def test_the_draft_loads_and_names_every_article_with_its_outlet_and_date(drafts, name, tmp_path):
    folder, text = drafts[name]
    facts_file = load_draft(folder, text, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["articles"]
    assert set(facts_file.sources) == {a["file"] for a in manifest}
    for entry in manifest:
        meta = facts_file.sources[entry["file"]]
        assert meta.outlet == entry["outlet"]
        assert (str(meta.published) if meta.published else None) == entry.get("published")
    assert facts_file.facts, "a multi-outlet story has something two sources report"


@pytest.mark.parametrize("name", CLUSTERS)
def test_the_draft_fails_only_where_it_says_sources_disagree(drafts, name, tmp_path):
    folder, text = drafts[name]
    corpus = Corpus(load_draft(folder, text, tmp_path))
    by_id = blocks(text)
    head = text.split("facts:", 1)[0]
    for fact in corpus.facts:
        unplaced = []
        for article in corpus.readable():
            verdict = corpus.verdict(fact.id, article)
            if not verdict.failed:
                continue
            if verdict.kind == "missing-date":
                assert re.search(rf"# FAILS {re.escape(article)}: relative dates but no publication date", head)
                continue
            for finding in verdict.findings:
                place = f"{article}:{finding.line}"
                if not any(place in line and ("FAILS" in line or "DISSENT" in line) for line in by_id[fact.id]):
                    unplaced.append(place)
        assert len(unplaced) <= counted_more(by_id[fact.id]), \
            f"{fact.id} fails at {unplaced} without a comment saying so"


@pytest.mark.parametrize("name", CLUSTERS)
def test_every_candidate_quotes_two_sources_at_real_lines(drafts, name):
    folder, text = drafts[name]
    manifest = {a["file"]: a["outlet"] for a in
                json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["articles"]}
    for fact_id, lines in blocks(text).items():
        quoted = [re.match(r"    # (?P<outlet>[^,]+), (?P<file>[^:\s]+):(?P<line>\d+): (?P<sentence>.+)", line)
                  for line in lines]
        quoted = [q for q in quoted if q]
        dissent = [line for line in lines if "# DISSENT" in line]
        files = {q["file"] for q in quoted}
        assert len(files) >= 2 or (files and dissent), f"{fact_id}: one source and no disagreement"
        for q in quoted:
            assert manifest[q["file"]] == q["outlet"]
            on_disk = (folder / q["file"]).read_text(encoding="utf-8").splitlines()[int(q["line"]) - 1]
            words = [w for w in re.findall(r"\w{4,}", q["sentence"].strip("."))][:6]
            assert words and all(w in on_disk for w in words), (fact_id, q.group(0))


def test_the_sixers_story_figures_dates_people_and_disagreement(drafts, tmp_path):
    folder, text = drafts[SIXERS]
    facts = {f.id: f for f in load_draft(folder, text, tmp_path).facts}
    numbers = {f.number for f in facts.values() if f.kind == "quantity"}
    # Cheeks' 162-139 in Portland (three sources), his age 48 and O'Brien's 43-39 (two each)
    assert {162, 48, 43} <= numbers
    # the firing: "today" (insidehoops, 23 May), "yesterday" (philly.com, 24 May), "on Monday" (ESPN, 24 May)
    dates = {i: f for i, f in facts.items() if f.kind == "date"}
    assert "2005-05-23" in {f.date for f in dates.values()}
    fired = next(i for i, f in dates.items() if f.date == "2005-05-23")
    # "King said he decided on Saturday to fire O'Brien" is another day: a comment, not the date
    assert re.search(r"# FAILS 03_articles\.philly\.com\.txt:18 reads »Saturday« .*2005-05-21",
                     "\n".join(blocks(text)[fired]))
    names = {f.name for f in facts.values() if f.kind == "person"}
    assert {"Jim O'Brien", "Billy King"} <= names
    # Win-loss records, one unit: 162 (three sources) is declared; insidehoops' 182 and 139
    # (O'Brien's NBA and Celtics marks, one source each) are dissents to resolve, not dropped.
    records = [i for i, f in facts.items() if f.kind == "quantity" and f.number in (162, 182, 139)]
    assert [facts[i].number for i in records] == [162]
    block = "\n".join(blocks(text)[records[0]])
    for value in (182, 139):
        assert re.search(rf"# DISSENT insidehoops\.com, 02_insidehoops\.com\.txt:7 says {value}:", block), value


@pytest.mark.xfail(strict=True, reason="the one figure these sources really disagree on is never drafted: the "
                                       "extractor reads no figure in \"the fourth head coach since King took "
                                       "over\" (philly.com), and ESPN's \"the fifth Sixers coach in four years\" "
                                       "is an ordinal, which the drafter skips (skip_units)")
def test_the_sixers_coach_count_the_sources_disagree_on_is_a_dissent(tmp_path):
    folder = copy_cluster(SIXERS, tmp_path)
    text = suggest_facts(folder, SuggestSettings(skip_units=()))
    facts = {f.id: f for f in load_draft(folder, text, tmp_path).facts}
    counts = [i for i, f in facts.items() if f.kind == "quantity" and f.number in (4, 5)
              and "coach" in " ".join(f.of + f.context).lower()]
    assert len(counts) == 1
    other = 9 - facts[counts[0]].number
    assert re.search(rf"# DISSENT .* says {other}:", "\n".join(blocks(text)[counts[0]]))


def test_ids_are_readable_stable_and_unique(drafts, tmp_path):
    folder, text = drafts[SIXERS]
    ids = [f.id for f in load_draft(folder, text, tmp_path).facts]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) and FACT_ID.match(i) for i in ids)
    again = suggest_facts(copy_cluster(SIXERS, tmp_path / "elsewhere"))
    assert again == text, "the same articles give the same draft wherever they are"
    assert "coach-date" in ids                                 # event word + kind
    assert {"score-coach", "score-coach-43"} <= set(ids)       # unit + event word; the second value named


def test_nothing_is_written_beside_the_articles(tmp_path):
    folder = copy_cluster(SIXERS, tmp_path)
    before = snapshot(folder)
    suggest_facts(folder)
    out = io.StringIO()
    assert run_suggest(folder, out=out) == 0
    assert snapshot(folder) == before
    assert out.getvalue().startswith("# Drafted by `factcheck suggest`")


# --------------------------------------------------------------------------- never overwrite

def test_output_file_is_written_only_when_new(tmp_path):
    folder = copy_cluster(SIXERS, tmp_path)
    target = tmp_path / "draft.facts.yaml"
    out = io.StringIO()
    assert run_suggest(folder, target, out=out) == 0
    assert target.read_text(encoding="utf-8") == suggest_facts(folder)
    assert out.getvalue().startswith(f"{target}: ") and "candidate facts drafted" in out.getvalue()


def test_an_existing_output_file_is_never_overwritten(tmp_path, capsys):
    folder = copy_cluster(SIXERS, tmp_path)
    target = folder / "facts.yaml"
    target.write_text("facts: []\n", encoding="utf-8")
    before = snapshot(folder)
    assert run_suggest(folder, target) == 2
    assert "already exists" in capsys.readouterr().err
    assert snapshot(folder) == before
    with pytest.raises(OutputExists, match="never overwrites"):
        write_new("x", target)
    assert target.read_text(encoding="utf-8") == "facts: []\n"


def test_a_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert run_suggest(tmp_path / "nowhere") == 2
    assert "not a folder" in capsys.readouterr().err


# --------------------------------------------------------------------------- metadata and people

def write_story(folder: Path, articles) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, head, body in articles:
        folder.joinpath(name).write_text(f"---\n{head}---\n{body}\n", encoding="utf-8")
    return folder


STORY = [
    ("a.md", "outlet: Reuters\npublished: \"2024-10-21T09:30:00+09:00\"\ntitle: Bus crash in the Alps\n",
     "Bus crash in the Alps kills 12\n\nA bus crashed on Sunday near Grenoble and 12 people were killed, "
     "police said.\nThe driver, Jean-Paul Marchand, survived.\n"),
    ("b.md", "outlet: AFP\npublished: 2024-10-21\n",
     "Twelve dead in Alpine bus crash\n\nTwelve people were killed when a bus crashed on Sunday near Grenoble.\n"
     "Its driver, Jean-Paul Marchand, was unhurt.\n"),
    ("c.md", "outlet: BBC\npublished: \"2024-10-22T07:00:00Z\"\n",
     "Alpine bus crash\n\nEleven people were killed when a bus crashed on Sunday near Grenoble.\n"
     "The driver, Jean-Paul Marchant, told police the brakes failed.\n"),
]


def test_front_matter_outlets_dates_majority_figure_and_spellings(tmp_path):
    folder = write_story(tmp_path / "story", STORY)
    text = suggest_facts(folder)
    facts_file = load_draft(folder, text, tmp_path)
    assert facts_file.sources["a.md"].outlet == "Reuters"
    assert str(facts_file.sources["a.md"].published) == "2024-10-21T09:30:00+09:00"
    assert str(facts_file.sources["b.md"].published) == "2024-10-21"
    facts = {f.id: f for f in facts_file.facts}
    deaths = [f for f in facts.values() if f.kind == "quantity" and f.number in (11, 12)]
    assert [f.number for f in deaths] == [12], "the majority value is declared"
    assert re.search(r"# DISSENT BBC, c\.md:7 says 11:", "\n".join(blocks(text)[deaths[0].id]))
    crash = [f for f in facts.values() if f.kind == "date"]
    assert [f.date for f in crash] == ["2024-10-20"], "Sunday, resolved against each publication date"
    driver = [f for f in facts.values() if f.kind == "person"]
    assert [f.name for f in driver] == ["Jean-Paul Marchand"]
    block = "\n".join(blocks(text)[driver[0].id])
    assert "Marchant" in block and "DISSENT BBC, c.md:8" in block


def test_seed_corpus_date_header_and_undated_articles(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    text = suggest_facts(folder)
    sources = yaml.safe_load(text)["sources"]
    assert sources["000_116027c1a6d05336.txt"]["published"] == "2024-10-21"      # its `date` header
    undated = [line for line in text.splitlines() if "no publication date found" in line]
    assert undated and all(k in text for k, v in sources.items() if "published" not in v)
    names = {f.name for f in load_draft(folder, text, tmp_path).facts if f.kind == "person"}
    assert "Kim Hong-kyun" in names
    zinoviev = next(i for i, lines in blocks(text).items() if "zinoviev" in i)
    assert any("says Zinovyev" in line for line in blocks(text)[zinoviev])   # AFP's spelling, to resolve


def test_a_folder_without_articles_is_a_clear_error(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(SuggestError, match="no readable article"):
        suggest_facts(folder)
    assert run_suggest(folder, tmp_path / "out.yaml") == 2
    assert "no readable article" in capsys.readouterr().err
    assert not (tmp_path / "out.yaml").exists()


def test_a_story_nobody_else_reports_gives_a_valid_draft_with_no_facts(tmp_path):
    folder = write_story(tmp_path / "one", STORY[:1])
    text = suggest_facts(folder)
    assert "facts: []" in text
    assert load_draft(folder, text, tmp_path).sources["a.md"].outlet == "Reuters"


@pytest.mark.xfail(strict=True, reason="the extractor reads a vote tally \"134 to 63\" as a range, so the "
                                       "two vote counts are never proposed (Pelosi cluster)")
def test_a_vote_tally_gives_both_counts(tmp_path):
    story = [(f"{n}.md", f"outlet: {n}\npublished: 2016-11-30\n",
              "Pelosi re-elected\n\nPelosi won the secret ballot of House Democrats 134 to 63 on Wednesday.\n")
             for n in ("x", "y")]
    facts = load_draft(write_story(tmp_path / "vote", story),
                       suggest_facts(tmp_path / "vote"), tmp_path).facts
    assert {134, 63} <= {f.number for f in facts if f.kind == "quantity"}


# --------------------------------------------------------------------------- properties

@given(st.lists(st.text(), max_size=4))
def test_slug_is_always_a_fact_id_k_can_take(parts):
    out = slug(*parts)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", out)


@given(st.text(alphabet="ab .,\n", min_size=1, max_size=400), st.data())
def test_a_quote_keeps_the_mention_and_fits_one_line(text, data):
    at = data.draw(st.integers(0, len(text) - 1))
    until = data.draw(st.integers(at + 1, min(len(text), at + 20)))
    width = data.draw(st.integers(40, 200))
    out = _window(text, 0, len(text), at, until, width)
    assert "\n" not in out and len(out) <= width + 6
    assert " ".join(text[at:until].split()) in out


def test_verification_can_be_switched_off(tmp_path):
    folder = copy_cluster(SIXERS, tmp_path)
    raw = suggest_facts(folder, SuggestSettings(verify=False))
    assert not re.search(r"^\s*# FAILS ", raw, re.M) and load_draft(folder, raw, tmp_path / "x").facts


# --------------------------------------------------------------------------- under pytest

@pytest.mark.parametrize("story", [SIXERS, "bus"])
def test_pytest_on_the_draft_fails_only_where_a_comment_says_so(pytester, drafts, tmp_path, story):
    if story == "bus":
        folder = write_story(tmp_path / "bus", STORY)
        text = suggest_facts(folder)
    else:
        folder, text = drafts[story]
    for path in folder.iterdir():
        shutil.copy(path, pytester.path / path.name)
    pytester.makefile(".yaml", facts=text)
    result = pytester.runpytest("-p", "no:cacheprovider", "-rf", "-q")
    failed = re.findall(r"^FAILED facts\.yaml::(\S+?)\[(\S+?)\]", result.stdout.str(), re.M)
    cross_failed = re.search(r"^FAILED facts\.yaml::cross-source\b", result.stdout.str(), re.M)
    by_id = blocks(text)
    unplaced = [(fact_id, article) for fact_id, article in failed
                if not any(article in line and ("FAILS" in line or "DISSENT" in line) for line in by_id[fact_id])]
    for fact_id in {f for f, _ in unplaced}:
        assert sum(f == fact_id for f, _ in unplaced) <= counted_more(by_id[fact_id]), (fact_id, unplaced)
    assert not cross_failed or "# cross-source finding" in text
    outcomes = result.parseoutcomes()
    assert outcomes.get("passed", 0) > 0 and not outcomes.get("error")
    if story == "bus":      # BBC: "Eleven" (the others 12) and "Marchant": real, commented failures
        assert sorted(failed) == [("deaths-crash", "c.md"), ("jean-paul-marchand", "c.md")]


@given(st.one_of(st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False,
                                                         min_value=-1e15, max_value=1e15)))
def test_a_figure_is_written_as_a_yaml_number(x):
    from factcheck.suggest import _yaml_number
    read = yaml.safe_load(_yaml_number(x))
    assert isinstance(read, (int, float)) and not isinstance(read, bool)
    assert read == pytest.approx(x, rel=1e-12, abs=1e-12)


def test_the_check_tightens_or_comments_what_would_fail(drafts, tmp_path):
    """ecbplus-t38b: distances in miles (depth, from Healdsburg, from Santa Rosa) are several
    figures of one unit. Unchecked, the draft fails where no comment says so; checked, the
    facts that bound the wrong figures gain context words, and what still fails is a FAILS
    comment at that article and line."""
    folder, text = drafts["ecbplus-t38b"]
    raw = suggest_facts(folder, SuggestSettings(verify=False))
    corpus = Corpus(load_draft(folder, raw, tmp_path / "raw"))
    raw_blocks = blocks(raw)
    uncommented = [(f.id, a) for f in corpus.facts for a in corpus.readable()
                   if corpus.verdict(f.id, a).failed and corpus.verdict(f.id, a).kind != "missing-date"
                   and not any(a in line for line in raw_blocks[f.id] if "DISSENT" in line)]
    assert uncommented, "the unchecked draft binds figures it should not"
    checked = {f.id: f for f in load_draft(folder, text, tmp_path / "checked").facts}
    unchecked = {f.id: f for f in corpus.facts}
    tightened = [i for i in unchecked if i in checked and not unchecked[i].context and checked[i].context]
    assert tightened
    assert re.search(r"^  # FAILS \S+\.txt:\d+ reads »", text, re.M)


def test_a_manifest_names_outlets_and_a_bad_manifest_date_falls_back_to_the_article(tmp_path):
    folder = write_story(tmp_path / "story", STORY[:2])
    folder.joinpath("manifest.json").write_text(json.dumps({"articles": [
        {"file": "a.md", "outlet": "reuters.com", "published": "2024-10-21T01:00:00"},
        {"file": "b.md", "outlet": "afp.com", "published": "not a date"}]}), encoding="utf-8")
    sources = load_draft(folder, suggest_facts(folder), tmp_path).sources
    assert sources["a.md"].outlet == "reuters.com" and str(sources["a.md"].published) == "2024-10-21T01:00:00"
    assert sources["b.md"].outlet == "AFP" and str(sources["b.md"].published) == "2024-10-21"


# --------------------------------------------------------------------------- the benchmark's rule

def test_the_benchmark_counts_a_fact_recovered_by_value_and_measure():
    from benchmarks.suggest import matches
    from factcheck.facts import Fact

    def fact(**kw):
        kind = "quantity" if "number" in kw else "date" if "date" in kw else "person"
        return Fact(id="x", kind=kind, declared_at="facts.yaml:1", line=1, **kw)

    toll = fact(number=12, of=("killed", "dead"), context=("crash",))
    assert matches(toll, fact(number=12, of=("died",)))                  # same measure, other word
    assert not matches(toll, fact(number=12, of=("injured",)))           # another measure
    assert not matches(toll, fact(number=14, of=("killed",)))            # another value
    assert matches(fact(number=250000, qualifier="more than", unit="USD", of=("campaign funds",)),
                   fact(number=250000, unit="USD"))                      # an amount in the same unit
    assert not matches(fact(number=2000000, unit="EUR"), fact(number=2000000, unit="USD"))
    assert matches(fact(date="2005-05-23"), fact(date="2005-05-23"))
    assert matches(fact(date="2005-05-23"), fact(date="2005-05"))        # a month contains its day
    assert not matches(fact(date="2005-05"), fact(date="2005-05-23"))
    assert matches(fact(name="Linda Sánchez"), fact(name="Linda T. Sanchez"))
    assert not matches(fact(name="Duncan Hunter"), fact(name="Duncan Huntor"))
