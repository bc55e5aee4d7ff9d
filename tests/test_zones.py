"""Article zones: the example table in factcheck/lang/en/corpus/zones.yaml, whole seed articles,
and the cover property (zones tile the text, whatever the input)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.article import read_article
from factcheck.claims.zones import ZONES, Zone, page_zones, zone_at

ROOT = Path(__file__).resolve().parent.parent
LANG = ROOT / "factcheck" / "lang" / "en"
CORPUS = yaml.safe_load((LANG / "corpus" / "zones.yaml").read_text(encoding="utf-8"))
EXAMPLES = CORPUS["examples"]
SEEDS = ROOT / "seeds"


# --- the example table ------------------------------------------------------------------------------

def _page(case):
    """The page an example is read in, and where its text starts in it."""
    if case.get("top"):
        return case["text"], 0
    prefix = CORPUS["page_title"] + "\n\n"
    return prefix + case["text"], len(prefix)


def _surface_span(case, page, offset):
    """(start, end) of the checked surface in the page: the given surface, else the last line."""
    surface = case.get("surface")
    if surface is None:
        last = [line for line in case["text"].split("\n") if line.strip()][-1].strip()
        start = page.rindex(last)
        return start, start + len(last)
    start = page.index(surface, offset)
    return start, start + len(surface)


def _zones_over(case):
    page, offset = _page(case)
    zones = page_zones(page, title=case.get("title"))
    start, end = _surface_span(case, page, offset)
    got = {zone_at(zones, i) for i in range(start, end) if not page[i].isspace()}
    return got, page[start:end]


def _id(case):
    want = case.get("zone") or "not-" + "-".join(case.get("not", []))
    text = case.get("surface") or [line for line in case["text"].split("\n") if line.strip()][-1]
    return f"{want}|{text.strip()[:40]}"


@pytest.mark.parametrize("case", EXAMPLES, ids=_id)
def test_example(case):
    got, surface = _zones_over(case)
    if "zone" in case:
        assert got == {case["zone"]}, f"{surface!r}: wanted {case['zone']}, got {sorted(got)}"
    for zone in case.get("not", []):
        assert zone not in got, f"{surface!r}: must not be {zone}, got {sorted(got)}"


def test_example_table_is_well_formed():
    assert len(EXAMPLES) >= 80
    negatives = [c for c in EXAMPLES if c.get("not") or c.get("zone") == "body"]
    assert len(negatives) >= 30
    for case in EXAMPLES:
        assert set(case) <= {"text", "surface", "zone", "not", "title", "top", "source"}, case
        assert case.get("source"), case
        assert ("zone" in case) != ("not" in case), case
        for zone in [case.get("zone")] + list(case.get("not", [])):
            assert zone is None or zone in ZONES, case
        if case.get("surface"):
            assert case["surface"] in case["text"], case


def test_vocabulary_keys_are_prefixed():
    data = yaml.safe_load((LANG / "zones.yaml").read_text(encoding="utf-8"))
    assert data and all(key.startswith("zone_") for key in data)


# --- whole articles -----------------------------------------------------------------------------------

def _lines_by_zone(text, zones):
    """{zone: [stripped text of each zone span]} for the non-blank spans."""
    out = {}
    for z in zones:
        chunk = text[z.start:z.end].strip()
        if chunk:
            out.setdefault(z.name, []).append(chunk)
    return out


def _seed(name, title=None):
    path = next(SEEDS.glob(f"{name}_*.txt"))
    article = read_article(path)
    text = article.text
    zones = page_zones(text, article.body_start, title or article.title)
    return text, zones


def _zone_of_line(text, zones, needle):
    start = text.index(needle)
    return {zone_at(zones, i) for i in range(start, start + len(needle)) if not text[i].isspace()}


def test_seed_002_byline_stamp_credit_related_and_original_url():
    text, zones = _seed("002")
    by_zone = _lines_by_zone(text, zones)
    assert by_zone["headline"] == ["# Seoul Summons Russian Ambassador to Protest North Korean Troop Deployment"]
    assert by_zone["byline"] == ["By [AFP](#)"]
    assert by_zone["stamp"] == ["October 21, 2024"]
    assert by_zone["credit"] == ["**Anthony Wallace / AFP**"]
    assert by_zone["related"] == [
        "**Related article: [North Korea Troop Deployment Locks in Russia Military Alliance](#)**"]
    assert _zone_of_line(text, zones, "Original url:") == {"meta"}
    assert _zone_of_line(text, zones, "<https://www.themoscowtimes.com/") == {"meta"}
    assert _zone_of_line(text, zones, "Around 1,500 North Korean special forces soldiers") == {"body"}


def test_seed_004_caption_and_closing_furniture():
    text, zones = _seed("004", title="S. Korea urges 'immediate' withdrawal of N. Korean troops from Russia")
    by_zone = _lines_by_zone(text, zones)
    assert by_zone["headline"] == ["S. Korea urges 'immediate' withdrawal of N. Korean troops from Russia"]
    assert _zone_of_line(text, zones, "First Vice Foreign Minister Kim Hong-kyun, right, speaks") == {"caption"}
    assert text.count("Courtesy of Ministry of Foreign Affairs") == 2
    assert all(z.name != "caption" or "Courtesy of" in text[z.start:z.end] for z in zones)
    assert _zone_of_line(text, zones, "Top 10 Stories") == {"related"}
    assert _zone_of_line(text, zones, "LETTER") == {"furniture"}
    assert _zone_of_line(text, zones, "Sign up for eNewsletter") == {"furniture"}
    # the last paragraph ends with the wire's sign-off: still body
    assert _zone_of_line(text, zones, "they are evaluating the situation. (Yonhap)") == {"body"}


def test_seed_003_dateline_and_reporting_credits():
    text, zones = _seed("003")
    assert _zone_of_line(text, zones, "Seoul, South Korea —") == {"dateline"}
    assert _zone_of_line(text, zones, "South Korea's foreign ministry summoned") == {"body"}
    assert _zone_of_line(text, zones, "(Reporting by Hyunsu Yim") == {"byline"}
    assert _zone_of_line(text, zones, "'Dangerous development'") == {"body"}


def test_seed_001_and_000_edges():
    text, zones = _seed("001")
    assert _zone_of_line(text, zones, "kjk/ceb/dhc/dhw") == {"byline"}
    assert _zone_of_line(text, zones, "- North Koreans in Ukraine? -") == {"body"}
    text, zones = _seed("000")
    assert zones[0] == Zone("meta", 0, len(" date 2024-10-21"))
    assert _zone_of_line(text, zones, "South Korea summoned the Russian ambassador") == {"body"}


@pytest.mark.parametrize("figure", ["1,500", "13,000", "10,000"])
def test_declared_figures_in_seeds_stay_in_body(figure):
    """The seed corpus's checked figures are all in prose: no zone may hide one."""
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(path)
        zones = page_zones(article.text, article.body_start, article.title)
        for m in re.finditer(re.escape(figure), article.text):
            assert zone_at(zones, m.start()) in ("body", "headline"), (path.name, figure)


# --- the cover property -----------------------------------------------------------------------------

def _assert_cover(text, body_start, zones):
    assert isinstance(zones, tuple)
    if not text:
        assert zones == ()
        return
    assert zones[0].start == 0 and zones[-1].end == len(text)
    for a, b in zip(zones, zones[1:]):
        assert a.end == b.start, (a, b)
        assert a.name != b.name, (a, b)           # neighbours of one zone are merged
    for z in zones:
        assert z.name in ZONES and z.start < z.end
        if z.name == "meta" and z.start < body_start:
            assert z.end >= min(body_start, len(text))
    head = min(max(body_start, 0), len(text))
    if head:
        assert zones[0] == Zone("meta", 0, head) or (zones[0].name == "meta" and zones[0].end >= head)


# Real lines (furniture and prose) to build page-like inputs from, besides arbitrary text.
_REAL_LINES = sorted({c["text"].split("\n")[0] for c in EXAMPLES})[:120] + [
    "", " ", "\t", "BERLIN —", "(CNN)", "Read more:", "By", "Photo:", "UPDATE:", "©", "[", "]", "(", ")"]
_pages = st.lists(st.one_of(st.sampled_from(_REAL_LINES), st.text(max_size=40)), max_size=12).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=300), _pages), body_start=st.integers(-5, 400),
       title=st.one_of(st.none(), st.text(max_size=30), st.sampled_from(_REAL_LINES)))
def test_zones_cover_the_text(text, body_start, title):
    zones = page_zones(text, body_start, title)
    _assert_cover(text, body_start, zones)
    for offset in {0, len(text) // 2, max(len(text) - 1, 0)}:
        if text:
            inside = [z for z in zones if z.start <= offset < z.end]
            assert zone_at(zones, offset) == inside[0].name


def test_cover_of_edge_inputs():
    for text in ["", "x", "\n", "\n\n\n", "no newline at all, one long line of prose.", "Photo", "   "]:
        _assert_cover(text, 0, page_zones(text))
    assert page_zones("") == ()
    assert page_zones("abc", body_start=10) == (Zone("meta", 0, 3),)


def test_zone_at_edges():
    zones = (Zone("headline", 0, 5), Zone("body", 5, 9))
    assert zone_at(zones, 0) == "headline"
    assert zone_at(zones, 4) == "headline"
    assert zone_at(zones, 5) == "body"
    assert zone_at(zones, 9) == "body"            # end offsets take the last zone
    assert zone_at(zones, -3) == "headline"
    assert zone_at((), 0) == "body"
