"""Mention -> Claim: what each extracted figure, date or person is about.

Between extraction and checking, each mention becomes a claim (:mod:`.build`): the mention
plus the zone of the page it stands in (:mod:`.zones`), the measure it gives
(:mod:`.measures`), whether it is about the story's own event or a background one
(:mod:`.events`), who says it, and when its source said it (:mod:`.time`). Both checks
work on claims. (Nothing is imported here: :mod:`factcheck.article` reads publication
moments with :mod:`.time` before any claim exists.)
"""
