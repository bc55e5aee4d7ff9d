"""The seed corpus's key figures, read end to end by ``factcheck.extract`` (issue: "the seed
articles' key figures as a test"). Each row: article, kind, text as written, value, and the
extra fields that matter for checking."""
import pytest

from factcheck import extract, read_article

A000, A001, A002, A003, A004 = ("000_116027c1a6d05336.txt", "001_4194254e3da8641d.txt",
                                "002_a69834a9abde83b1.txt", "003_55edb76f28711d65.txt",
                                "004_b4dca75f2573246c.txt")

KEY_FIGURES = [
    (A000, "quantity", "1,500", 1500, {"counted": "soldiers", "qualifier": "about"}),
    (A002, "quantity", "1,500", 1500, {"counted": "soldiers", "qualifier": "about"}),
    (A003, "quantity", "1,500", 1500, {"counted": "troops"}),
    (A004, "quantity", "1,500", 1500, {"counted": "soldiers"}),
    (A001, "quantity", "13,000", 13000, {"counted": "containers", "qualifier": "more than"}),
    (A002, "quantity", "13,000", 13000, {"counted": "containers", "qualifier": "more than"}),
    (A001, "quantity", "10,000", 10000, {"counted": "soldiers"}),
    (A003, "quantity", "10,000", 10000, {"counted": "soldiers"}),
    (A001, "quantity", "thousands", 1000, {"counted": "soldiers", "vague": True}),
    (A001, "date", "between October 8 and 13", "2024-10-08/2024-10-13", {}),
    (A002, "date", "between Oct. 8 and Oct. 13", "2024-10-08/2024-10-13", {}),
    (A000, "date", "Monday", "2024-10-21", {}),
    (A003, "date", "Monday", "2024-10-21", {}),
    (A000, "date", "Friday", "2024-10-18", {}),
    (A001, "date", "June", "2024-06", {}),
    (A003, "date", "June", "2024-06", {}),
    (A001, "date", "last August", "2023-08", {}),
    (A003, "date", "last week", "2024-W42", {}),
    (A004, "date", "earlier this month", "2024-10", {}),
    (A000, "person", "Georgiy Zinoviev", "Georgiy Zinoviev", {}),
    (A000, "person", "Zinovyev", "Zinovyev", {}),
    (A003, "person", "Georgy Zinoviev", "Georgy Zinoviev", {}),
    (A004, "person", "Kim Hong-kyun", "Kim Hong-kyun", {"title": "First Vice Foreign Minister"}),
    (A000, "person", "Dmitry Peskov", "Dmitry Peskov", {}),
    (A003, "person", "Mark Rutte", "Mark Rutte", {"title": "NATO chief"}),
    (A001, "person", "Volodymyr Zelensky", "Volodymyr Zelensky", {}),
    (A003, "person", "Volodymyr Zelenskiy", "Volodymyr Zelenskiy", {}),
]


@pytest.fixture(scope="module")
def mentions(seeds_dir):
    out = {}
    for name in (A000, A001, A002, A003, A004):
        article = read_article(seeds_dir / name, name, published="2024-10-21")
        out[name] = (article, extract(article.body, published=article.published))
    return out


@pytest.mark.parametrize("name, kind, surface, value, extra", KEY_FIGURES,
                         ids=[f"{r[0][:3]}:{r[2]}" for r in KEY_FIGURES])
def test_key_figure_is_read(mentions, name, kind, surface, value, extra):
    article, found = mentions[name]
    candidates = [m for m in found if m.kind == kind and surface in m.text]
    assert candidates, f"{surface!r} not read in {name}: {[m.text for m in found if m.kind == kind]}"
    assert any(m.value == value and all(getattr(m, k) == v for k, v in extra.items())
               for m in candidates), [(m.value, {k: getattr(m, k) for k in extra}) for m in candidates]
    for m in candidates:
        assert article.text[m.start:m.end] == m.text


def test_different_figures_stay_different(mentions):
    """Zelensky's 10,000 and the 1,500 special forces are both read, with their own values."""
    values = {m.value for m in mentions[A001][1] if m.kind == "quantity" and m.counted in ("soldiers", "forces")}
    assert {1500, 10000} <= values
