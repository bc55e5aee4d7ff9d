"""Match an article's mentions to declared facts and judge them.

INTERFACE DRAFT (the lead's):

    check_article(facts: Sequence[Fact], article: Article, mentions: Sequence[Mention],
                  settings: MatchSettings = DEFAULT) -> Dict[str, Verdict]

returns one Verdict per fact id for this article: "pass" (mentions agree, or the
article does not mention the fact — then ``agreeing`` and ``findings`` are empty and
the message says "not mentioned"), "fail" (offending mentions in ``findings`` with
reasons), "error" (e.g. relative dates but no publication date).
"""
