"""Matching, property by property: groups of >= 3 believers on one theme who are near each
other; nobody grouped with someone who blocked them; nobody proposed twice per theme."""

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from gezondewijk.initiatives import matching

USERS = st.integers(1, 30)
beliefs_st = st.lists(
    st.tuples(USERS, st.integers(1, 3), st.integers(1, 6)), max_size=80
)  # (user, theme, buurt)
blocks_st = st.lists(st.tuples(USERS, st.one_of(st.none(), USERS)), max_size=15)


def _near() -> pl.DataFrame:
    # Six buurten in a row; each is near itself and the next one.
    ids = np.arange(1, 7)
    boxes = np.array([[i, 0, i + 1, 1] for i in ids], dtype=float)
    return matching.neighbours(ids, np.ones(6, dtype=np.int64), boxes)


def _frames(beliefs: list, blocks: list) -> tuple[pl.DataFrame, pl.DataFrame]:
    return (
        pl.DataFrame(beliefs, schema=matching.BELIEFS_SCHEMA, orient="row").unique(),
        pl.DataFrame(blocks, schema=matching.BLOCKS_SCHEMA, orient="row"),
    )


@settings(max_examples=150, deadline=None)
@given(beliefs=beliefs_st, blocks=blocks_st)
def test_every_group_has_three_believers_near_its_buurt_and_no_blocks(
    beliefs: list, blocks: list
) -> None:
    frame, block_frame = _frames(beliefs, blocks)
    near = _near()
    near_pairs = set(near.iter_rows())
    belief_rows = set(frame.iter_rows())
    blocked_all = {a for a, b in blocks if b is None}
    pairs = {(a, b) for a, b in blocks if b is not None}
    seen: set[tuple[int, int]] = set()
    for group in matching.propose_groups(frame, near, block_frame):
        assert matching.MIN_GROUP <= len(group.user_ids) <= matching.MAX_GROUP
        assert len(set(group.user_ids)) == len(group.user_ids)
        for user in group.user_ids:
            # Believes in the group's theme, in a buurt near the group's buurt.
            assert any(
                (user, group.theme_id, b) in belief_rows and (b, group.buurt_id) in near_pairs
                for b in range(1, 7)
            )
            assert user not in blocked_all
            assert (group.theme_id, user) not in seen
            seen.add((group.theme_id, user))
            for other in group.user_ids:
                # (A block of oneself means nothing; the service refuses to make one.)
                assert other == user or (user, other) not in pairs


@settings(max_examples=60, deadline=None)
@given(beliefs=beliefs_st)
def test_people_already_invited_on_a_theme_are_not_proposed_again(beliefs: list) -> None:
    frame, block_frame = _frames(beliefs, [])
    taken = frame.select("user_id", "theme_id").unique().head(10)
    taken_pairs = set(taken.iter_rows())
    for group in matching.propose_groups(frame, _near(), block_frame, taken):
        assert not any((u, group.theme_id) in taken_pairs for u in group.user_ids)


def test_three_neighbours_on_a_theme_make_a_group_two_do_not() -> None:
    frame, blocks = _frames([(1, 1, 1), (2, 1, 2), (3, 1, 1), (4, 2, 1), (5, 2, 1)], [])
    groups = matching.propose_groups(frame, _near(), blocks)
    assert [(g.theme_id, sorted(g.user_ids)) for g in groups] == [(1, [1, 2, 3])]


def test_buurten_far_apart_are_not_near() -> None:
    frame, blocks = _frames([(1, 1, 1), (2, 1, 4), (3, 1, 6)], [])
    assert matching.propose_groups(frame, _near(), blocks) == []


def test_without_boundaries_the_same_wijk_counts_as_near() -> None:
    ids = np.array([1, 2, 3])
    near = matching.neighbours(ids, np.array([10, 10, 11]), np.full((3, 4), np.nan))
    assert set(near.iter_rows()) == {(1, 1), (2, 2), (3, 3), (1, 2), (2, 1)}


def test_initiatives_meet_on_a_shared_theme_and_wijk_unless_in_touch() -> None:
    themes = pl.DataFrame({"initiative_id": [1, 2, 3, 4], "theme_id": [7, 7, 7, 8]})
    wijken = pl.DataFrame({"initiative_id": [1, 2, 3, 4], "wijk_id": [5, 5, 6, 5]})
    contacts = pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64})
    pairs = matching.propose_pairs(themes, wijken, contacts)
    assert pairs.select("a", "b").rows() == [(1, 2)]
    in_touch = pl.DataFrame({"a": [1], "b": [2]})
    assert matching.propose_pairs(themes, wijken, in_touch).height == 0
