"""After a bulk load the planner knows how many rows there are (see planner_statistics)."""

import pytest

from gezondewijk.people.models import User
from gezondewijk.planner_statistics import refresh_planner_statistics
from tests import factories
from tests.planner import planner_row_estimate

pytestmark = pytest.mark.django_db


def test_the_planner_learns_the_number_of_rows_just_written() -> None:
    factories.UserFactory.create_batch(37)
    assert planner_row_estimate(User._meta.db_table) != User.objects.count()

    refresh_planner_statistics()

    assert planner_row_estimate(User._meta.db_table) == User.objects.count()
