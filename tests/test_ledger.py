"""The ledger (factcheck/ledger.py): the fact x source table an editor reads, built from real
stories in tmp_path, rendered by Jinja2, and opened in a real headless browser (Debian's
chromium). Under CI=true a missing browser fails the browser tests instead of skipping them."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
from hypothesis import given, settings, strategies as st

from factcheck.corpus import Corpus
from factcheck.facts import load_facts
from factcheck.ledger import (Cell, Column, Ledger, Row, Said, StoryTable, build_ledger, render_ledger,
                              write_ledger)

ROOT = Path(__file__).resolve().parents[1]

# One outlet says 1,800 where two say 1,500; the AFP copy also carries markup in its text.
YONHAP = ("North Korea sends troops to Russia\n\n"
          "SEOUL — About 1,500 North Korean special forces soldiers are already in Russia, "
          "South Korea's spy agency said on Friday.\n")
REUTERS = ("Seoul says North Korean soldiers in Russia\n\n"
           "SEOUL — South Korea's spy agency said on Friday that about 1,500 North Korean special "
           "forces soldiers are already in Russia.\n")
AFP = ("North Korean troops in Russia, Seoul says\n\n"
       "SEOUL — About 1,800 North Korean special forces soldiers are already in Russia, South Korea's "
       "spy agency said on Friday. <script>document.title='owned'</script> Officials gave no details.\n")
# File order (a, b, c) is not publication order (a, c, b).
SOURCES = """sources:
  a.txt: {outlet: Yonhap, published: "2024-10-18T09:00:00+09:00"}
  b.txt: {outlet: Reuters, published: "2024-10-18T11:30:00+09:00"}
  c.txt: {outlet: AFP, published: "2024-10-18T10:15:00+09:00"}
"""
FACT = """facts:
  - id: special-forces
    number: 1500
    qualifier: about
    of: [soldiers, special forces]
    context: [North Korea]
"""


def make_story(folder: Path, facts: str = "", texts: Optional[Dict[str, str]] = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (texts or {"a.txt": YONHAP, "b.txt": REUTERS, "c.txt": AFP}).items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "facts.yaml").write_text(SOURCES + facts, encoding="utf-8")
    return folder / "facts.yaml"


def ledger_of(tmp_path: Path, *facts_files: Path) -> Ledger:
    return build_ledger([Corpus(load_facts(f, tmp_path)) for f in facts_files],
                        page_dir=tmp_path / "out", rootdir=tmp_path)


def states(row: Row, story: StoryTable) -> Dict[str, str]:
    return {col.outlet: cell.state for col, cell in zip(story.columns, row.cells)}


def row(story: StoryTable, key: str) -> Row:
    found = [r for r in story.rows if r.key == key]
    assert found, f"no row {key!r} in {[r.key for r in story.rows]}"
    return found[0]


# --------------------------------------------------------------------------- the model

def test_columns_are_sources_in_publication_order(tmp_path):
    story = ledger_of(tmp_path, make_story(tmp_path / "nk")).stories[0]
    assert [(c.outlet, c.name) for c in story.columns] == [("Yonhap", "a.txt"), ("AFP", "c.txt"), ("Reuters", "b.txt")]
    assert [c.published for c in story.columns] == ["18 Oct 2024 00:00 UTC", "18 Oct 2024 01:15 UTC",
                                                    "18 Oct 2024 02:30 UTC"]


def test_a_declared_fact_marks_the_outlet_that_disagrees_and_no_other(tmp_path):
    story = ledger_of(tmp_path, make_story(tmp_path / "nk", FACT)).stories[0]
    facts = row(story, "special-forces")
    assert facts.section == "declared" and facts.state == "disagrees"
    assert states(facts, story) == {"Yonhap": "agrees", "AFP": "disagrees", "Reuters": "agrees"}
    afp = facts.cells[1]
    assert [s.text for s in afp.said] == ["1,800"] and afp.said[0].off
    assert "1,800" in afp.note and "1,500" in afp.note and afp.open
    assert facts.expected.startswith("about 1,500") and facts.declared_at == "nk/facts.yaml:6"
    assert story.counts.disagrees == 1
    # The figures belong to the fact: the cross-source rows do not repeat them.
    assert not [r for r in story.rows if r.section == "figures" and "soldiers" in r.label]


def test_an_undeclared_figure_marks_the_outlet_off_the_consensus(tmp_path):
    story = ledger_of(tmp_path, make_story(tmp_path / "nk")).stories[0]
    figures = row(story, "soldiers-disagreement")
    assert figures.section == "figures" and figures.state == "disagrees"
    assert states(figures, story) == {"Yonhap": "agrees", "AFP": "disagrees", "Reuters": "agrees"}
    assert figures.cells[1].said[0].reading == "about 1,800 soldiers"
    assert "about 1,500 soldiers (a.txt, b.txt) vs about 1,800 soldiers (c.txt)" in figures.message


TWO_SOURCES = SOURCES.replace('  b.txt: {outlet: Reuters, published: "2024-10-18T11:30:00+09:00"}\n', "")


def test_a_one_to_one_split_marks_both_sides_unless_a_fact_is_declared(tmp_path):
    """Two sources, two values: across sources nobody is the odd one out; a declared fact
    says which one disagrees."""
    for name, facts in (("undeclared", ""), ("declared", FACT)):
        folder = tmp_path / name
        make_story(folder, texts={"a.txt": YONHAP, "c.txt": AFP})
        (folder / "facts.yaml").write_text(TWO_SOURCES + facts, encoding="utf-8")
    story = ledger_of(tmp_path, tmp_path / "undeclared" / "facts.yaml").stories[0]
    assert states(row(story, "soldiers-disagreement"), story) == {"Yonhap": "disagrees", "AFP": "disagrees"}
    story = ledger_of(tmp_path, tmp_path / "declared" / "facts.yaml").stories[0]
    assert states(row(story, "special-forces"), story) == {"Yonhap": "agrees", "AFP": "disagrees"}


def test_a_known_discrepancy_and_an_accepted_finding_are_accepted_cells(tmp_path):
    facts = make_story(tmp_path / "nk", FACT + "    known:\n      c.txt: AFP had the first NIS briefing\n")
    story = ledger_of(tmp_path, facts).stories[0]
    facts_row = row(story, "special-forces")
    assert states(facts_row, story)["AFP"] == "known" and facts_row.state == "known"
    assert "AFP had the first NIS briefing" in facts_row.cells[1].note

    accepted = make_story(tmp_path / "acc", "accept:\n  soldiers-disagreement: checking with the NIS\n")
    story = ledger_of(tmp_path, accepted).stories[0]
    figures = row(story, "soldiers-disagreement")
    assert states(figures, story) == {"Yonhap": "agrees", "AFP": "known", "Reuters": "agrees"}
    assert figures.accepted == "checking with the NIS" and story.counts.known == 1 and not story.notes


def test_a_stale_accept_is_a_story_note(tmp_path):
    facts = make_story(tmp_path / "nk", "accept:\n  deaths-disagreement: old\n")
    story = ledger_of(tmp_path, facts).stories[0]
    assert story.notes and "deaths-disagreement" in story.notes[0] and "nk/facts.yaml:" in story.notes[0]


NICE = {
    "early.txt": "Tunisian man kills at least 60 in Nice truck attack\n\nNICE, France — A truck ploughed into a crowd "
                 "celebrating Bastille Day, killing at least 60 people, officials said.\n",
    "late.txt": "Nice attack: 84 dead as truck hits crowd\n\nNICE, France — At least 84 people were killed when a "
                "truck drove into a crowd on the promenade, officials said.\n",
    "later.txt": "Nice truck attack toll rises to 84\n\nNICE, France — The death toll rose to 84 on Friday after a "
                 "truck drove into a crowd on the promenade.\n",
}
NICE_SOURCES = """sources:
  early.txt: {outlet: npr.org, published: "2016-07-14T23:10:00"}
  late.txt: {outlet: cnn.com, published: "2016-07-15T09:00:00"}
  later.txt: {outlet: bbc.co.uk, published: "2016-07-15T11:30:00Z"}
"""


def nice_story(folder: Path, facts: str = "") -> Path:
    make_story(folder, texts=NICE)
    (folder / "facts.yaml").write_text(NICE_SOURCES + facts, encoding="utf-8")
    return folder / "facts.yaml"


def test_a_toll_that_grew_is_an_update_and_an_early_report_is_outdated(tmp_path):
    story = ledger_of(tmp_path, nice_story(tmp_path / "upd")).stories[0]
    update = row(story, "deaths-update")
    assert states(update, story) == {"npr.org": "update", "cnn.com": "agrees", "bbc.co.uk": "agrees"}
    assert update.state == "warns" and update.kind == "update" and "changed over time" in update.message

    declared = nice_story(tmp_path / "out", "facts:\n  - id: nice-deaths\n    number: 84\n"
                                            "    qualifier: at least\n    of: [killed, dead]\n")
    story = ledger_of(tmp_path, declared).stories[0]
    deaths = row(story, "nice-deaths")
    assert states(deaths, story) == {"npr.org": "outdated", "cnn.com": "agrees", "bbc.co.uk": "agrees"}
    assert deaths.state == "warns" and story.counts.warns == 1 and story.counts.disagrees == 0


def test_a_fact_no_article_mentions_is_an_absent_row(tmp_path):
    facts = make_story(tmp_path / "nk", FACT + "  - id: missiles\n    number: 40\n    of: [missiles]\n")
    story = ledger_of(tmp_path, facts).stories[0]
    missiles = row(story, "missiles")
    assert missiles.state == "absent" and {c.state for c in missiles.cells} == {"absent"}
    assert "no article mentions it" in missiles.message and story.counts.absent == 1


def test_an_unreadable_article_is_a_column_that_says_so(tmp_path):
    facts = make_story(tmp_path / "nk", FACT)
    (tmp_path / "nk" / "b.txt").write_bytes("Caf\xe9 1,500 soldiers".encode("latin-1"))
    story = ledger_of(tmp_path, facts).stories[0]
    bad = [c for c in story.columns if c.name == "b.txt"]
    assert bad and "not UTF-8" in bad[0].unreadable
    assert story.columns[-1].name == "b.txt"        # no publication moment read: last
    assert row(story, "special-forces").cells[-1].state == "absent"


def test_links_are_relative_to_the_page_and_places_to_the_rootdir(tmp_path):
    facts = make_story(tmp_path / "stories" / "nk", FACT)
    page = tmp_path / "site" / "ledger" / "index.html"
    ledger = write_ledger([Corpus(load_facts(facts, tmp_path))], page, rootdir=tmp_path)
    said = row(ledger.stories[0], "special-forces").cells[1].said[0]
    assert said.href == "../../stories/nk/c.txt" and said.where == "stories/nk/c.txt:3" and said.line == 3
    assert (page.parent / said.href).resolve() == (tmp_path / "stories" / "nk" / "c.txt").resolve()
    assert ledger.stories[0].facts_href == "../../stories/nk/facts.yaml"
    assert 'href="../../stories/nk/c.txt"' in page.read_text(encoding="utf-8")


def test_a_long_sentence_is_cut_around_the_figure_and_whole_in_the_tooltip(tmp_path):
    long_afp = AFP.replace("Officials gave no details.", "") .replace(
        "SEOUL — About 1,800", "SEOUL — " + "In a long and winding briefing to lawmakers in Seoul, " * 4 + "about 1,800")
    facts = make_story(tmp_path / "nk", FACT, texts={"a.txt": YONHAP, "b.txt": REUTERS, "c.txt": long_afp})
    cell = row(ledger_of(tmp_path, facts).stories[0], "special-forces").cells[1]
    said = cell.said[0]
    assert said.marked == "1,800" and said.before.startswith("… ") and len(said.before) < 100
    assert said.sentence.count("winding briefing") == 4 and said.sentence in cell.title


# --------------------------------------------------------------------------- rendering

def test_article_text_is_escaped_never_markup(tmp_path):
    html = render_ledger(ledger_of(tmp_path, make_story(tmp_path / "nk", FACT)))
    assert "&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;" in html
    assert "<script>" not in html and "<script" not in html.lower()


def test_the_page_is_self_contained(tmp_path):
    html = render_ledger(ledger_of(tmp_path, make_story(tmp_path / "nk", FACT)))
    assert "<style>" in html
    for remote in ("http://", "https://", "//cdn", "<link ", "@import", "<script"):
        assert remote not in html, remote


class _Cells(HTMLParser):
    """The table as the page's markup gives it: per <td>, its classes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: List[Tuple[str, str, Dict[str, str]]] = []
        self.heads: List[str] = []
        self.tags: List[str] = []
        self._in: Optional[str] = None
        self._text: List[str] = []
        self._attrs: Dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = {k: v or "" for k, v in attrs}
        if tag == "td" or (tag == "th" and "source" in attrs.get("class", "")):
            self._in, self._text, self._attrs = tag, [], attrs

    def handle_endtag(self, tag):
        if tag == self._in:
            text = " ".join("".join(self._text).split())
            if tag == "td":
                self.cells.append((self._attrs.get("class", ""), text, self._attrs))
            else:
                self.heads.append(text)
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def parse(html: str) -> _Cells:
    parser = _Cells()
    parser.feed(html)
    return parser


# Markup characters often, any other character sometimes.
texts = st.text(st.sampled_from("<>&\"'/=! ab") | st.characters(blacklist_categories=("Cs", "Cc")),
                min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(before=texts, value=texts, after=texts, outlet=texts)
def test_any_text_renders_as_the_same_text(before, value, after, outlet):
    """Whatever an article or facts file says (quotes, angle brackets, ampersands), the page
    shows it as text: parsed back, the cell holds exactly what was said."""
    said = Said(text=value, reading=value, where="a.txt:1", href="a.txt", line=1, sentence=before + value + after,
                before=before, marked=value, after=after, off=True)
    column = Column("a.txt", "a.txt", outlet, "", "", "a.txt", "a.txt")
    story = StoryTable("facts.yaml", "facts.yaml", (column,),
                       (Row("f", "f", "declared", "disagrees", (Cell("disagrees", (said,), note="n", open=True),)),))
    parsed = parse(render_ledger(Ledger((story,))))
    assert set(parsed.tags) <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span", "ul",
                                "li", "section", "div", "h2", "a", "table", "colgroup", "col", "thead", "tr", "th",
                                "tbody", "td", "details", "summary", "mark", "footer", "time", "b"}
    [(classes, text, _)] = parsed.cells
    norm = lambda s: " ".join(s.split())  # noqa: E731
    assert "disagrees" in classes.split()
    assert norm(f"{value}:1") in text and norm(before + value + after) in text
    assert norm(outlet) in parsed.heads[0]


# --------------------------------------------------------------------------- in a real browser

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")


def locate_browser() -> Optional[str]:
    """$FACTCHECK_BROWSER when set (a path; missing means no browser), else the first of
    BROWSER_NAMES on PATH, else Debian's /usr/bin/chromium."""
    chosen = os.environ.get("FACTCHECK_BROWSER")
    if chosen:
        return chosen if Path(chosen).exists() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")
def browser() -> str:
    found = locate_browser()
    if found:
        return found
    message = ("no headless browser for the ledger test: install Debian's chromium "
               "(apt-get install -y chromium fonts-liberation)")
    if os.environ.get("CI") == "true":
        pytest.fail(message + " -- under CI=true a missing browser is a failure, not a skip")
    pytest.skip(message)


def test_a_missing_browser_fails_under_ci_and_skips_elsewhere(pytester, monkeypatch):
    pytester.makeconftest(f"import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\n"
                          "from test_ledger import browser  # noqa: F401\n")
    pytester.makepyfile(test_inner="def test_needs_it(browser):\n    pass\n")
    monkeypatch.setenv("FACTCHECK_BROWSER", str(pytester.path / "no-such-browser"))
    monkeypatch.setenv("CI", "true")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*no headless browser*apt-get install -y chromium*CI=true*failure, not a skip*"])
    monkeypatch.delenv("CI")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1)


def run_browser(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    # A profile of its own: several runs at once must not share a browser lock.
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               "--disable-extensions", f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.mark.timeout(120)
def test_the_browser_shows_the_table_and_marks_the_disagreement(tmp_path, browser):
    page = tmp_path / "out" / "ledger.html"
    write_ledger([Corpus(load_facts(make_story(tmp_path / "nk", FACT), tmp_path))], page, rootdir=tmp_path)
    dom = run_browser(browser, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    parsed = parse(dom)
    assert [h.split()[0] for h in parsed.heads] == ["Yonhap", "AFP", "Reuters"]
    declared = parsed.cells[:3]                      # the first row: the declared fact
    assert [(c[2]["data-state"], c[1].removeprefix("disagrees ").split(":")[0]) for c in declared] == [
        ("agrees", "1,500"), ("disagrees", "1,800"), ("agrees", "1,500")]
    classes, text, attrs = declared[1]
    assert "disagrees" in classes.split() and text.startswith("disagrees")         # the cell's mark
    assert "c.txt:3" in text and attrs.get("data-kind") == "disagreement"
    assert "<script>document.title='owned'</script>" in text                        # shown, not run
    assert "script" not in parsed.tags
    assert "<title>factcheck ledger</title>" in dom
    assert "1 disagree" in dom and "1 story" in dom


def _png_pixels(path: Path) -> Tuple[int, int, List[bytes]]:
    """Width, height and rows of RGB(A) bytes of an 8-bit non-interlaced PNG (what chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[j] for j in range(stride) if j % bpp < 3))
        prev = line
    return width, height, rows


def _count_colour(rows: List[bytes], rgb: Tuple[int, int, int], tolerance: int = 3) -> int:
    n = 0
    for line in rows:
        for i in range(0, len(line), 3):
            if all(abs(line[i + k] - rgb[k]) <= tolerance for k in range(3)):
                n += 1
    return n


DISAGREE_BACKGROUND = (0xfc, 0xeb, 0xea)     # --red-bg in templates/ledger.html.j2


@pytest.mark.timeout(180)
def test_the_screenshot_shows_the_disagreement_and_only_when_there_is_one(tmp_path, browser):
    shots = {}
    for name, facts in (("off", FACT), ("clean", FACT)):
        texts = {"a.txt": YONHAP, "b.txt": REUTERS, "c.txt": AFP if name == "off" else AFP.replace("1,800", "1,500")}
        page = tmp_path / name / "ledger.html"
        write_ledger([Corpus(load_facts(make_story(tmp_path / name / "story", facts, texts), tmp_path / name))],
                     page, rootdir=tmp_path / name)
        shot = tmp_path / f"{name}.png"
        run_browser(browser, tmp_path / f"profile-{name}", f"--screenshot={shot}", "--window-size=1280,900",
                    page.as_uri())
        width, height, rows = _png_pixels(shot)
        assert (width, height) == (1280, 900)
        shots[name] = _count_colour(rows, DISAGREE_BACKGROUND)
    assert shots["off"] > 5000, "the disagreeing cell's background is on screen"
    assert shots["clean"] < 200, "an agreeing story has no disagreement colour"


# --------------------------------------------------------------------------- the seed story

def test_the_seed_story_ledger_has_every_declared_fact_and_the_known_spelling(tmp_path):
    ledger = build_ledger([Corpus(load_facts(ROOT / "facts.yaml", ROOT))], page_dir=ROOT / "docs", rootdir=ROOT)
    story = ledger.stories[0]
    facts = Corpus(load_facts(ROOT / "facts.yaml", ROOT)).facts
    assert [r.key for r in story.section("declared")] == [f.id for f in facts]
    assert {c.outlet for c in story.columns} == {"AFP", "Reuters", "Yonhap"} and len(story.columns) == 5
    ambassador = row(story, "russian-ambassador")
    assert [c.state for c in ambassador.cells][:2] == ["known", "known"] and ambassador.state == "known"
    assert story.counts.disagrees == 0
    assert ambassador.cells[0].said[0].href.startswith("../seeds/")
